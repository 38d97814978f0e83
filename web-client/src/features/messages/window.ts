/**
 * A conversation's loaded messages ("window"), kept in the query cache under ['messages', id].
 * Pure functions: every change returns a new window.
 */
import type { Message, MessagePage, Reaction, StreamPush } from '../../api/types.ts';

export interface MessageWindow {
  /** Ascending by seq, unique by seq. */
  messages: Message[];
  /** Older messages exist before messages[0]. */
  hasOlder: boolean;
  /** The latest page was fetched (otherwise the window holds only what pushes and previews brought). */
  loaded: boolean;
}

export const emptyWindow: MessageWindow = { messages: [], hasOlder: false, loaded: false };

/** Inserts or replaces messages by seq, keeping ascending order. Fast path for appends. */
export function upsertMessages(list: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return list;
  const sorted = incoming.length > 1 ? [...incoming].sort((a, b) => a.seq - b.seq) : incoming;
  const lastSeq = list.length ? list[list.length - 1]!.seq : -Infinity;
  if (sorted[0]!.seq > lastSeq) return list.concat(sorted);
  const firstSeq = list.length ? list[0]!.seq : Infinity;
  if (sorted[sorted.length - 1]!.seq < firstSeq) return sorted.concat(list);
  const bySeq = new Map<number, Message>();
  for (const m of list) bySeq.set(m.seq, m);
  for (const m of sorted) {
    const old = bySeq.get(m.seq);
    // keep local edit/delete marks if the incoming copy is an older snapshot
    bySeq.set(m.seq, old && (old.editedAt || old.deletedAt) && !m.editedAt && !m.deletedAt ? { ...m, ...pickMarks(old) } : m);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function pickMarks(m: Message): Partial<Message> {
  const out: Partial<Message> = {};
  if (m.editedAt) {
    out.editedAt = m.editedAt;
    out.body = m.body;
  }
  if (m.deletedAt) {
    out.deletedAt = m.deletedAt;
    out.body = '';
    out.attachments = [];
  }
  return out;
}

/** Merges the latest page (no cursor) into a window. */
export function mergeLatestPage(w: MessageWindow | undefined, page: MessagePage): MessageWindow {
  if (!w || w.messages.length === 0) {
    return { messages: page.items, hasOlder: page.hasMore, loaded: true };
  }
  if (page.items.length === 0) return { ...w, hasOlder: false, loaded: true };
  const pFirst = page.items[0]!.seq;
  const wFirst = w.messages[0]!.seq;
  const wLast = w.messages[w.messages.length - 1]!.seq;
  if (pFirst > wLast) {
    // Disjoint and newer: what the window held may not reach the page; older pages load again on scroll.
    return { messages: page.items, hasOlder: page.hasMore, loaded: true };
  }
  return {
    messages: upsertMessages(w.messages, page.items),
    hasOlder: wFirst < pFirst ? w.hasOlder : page.hasMore,
    loaded: true,
  };
}

/** Prepends an older page (`beforeSeq` = the window's first seq). */
export function prependOlder(w: MessageWindow, page: MessagePage): MessageWindow {
  return { ...w, messages: upsertMessages(w.messages, page.items), hasOlder: page.hasMore };
}

/** Adds or removes one user's `emoji` in an aggregated reaction list (order: first use). */
export function react(reactions: Reaction[] | undefined, emoji: string, added: boolean, mine: boolean): Reaction[] {
  const list = reactions ?? [];
  const i = list.findIndex((r) => r.emoji === emoji);
  if (added) {
    if (i < 0) return [...list, { emoji, count: 1, me: mine }];
    const r = list[i]!;
    return list.map((x, j) => (j === i ? { ...r, count: r.count + 1, me: r.me || mine } : x));
  }
  if (i < 0) return list;
  const r = list[i]!;
  if (r.count <= 1) return list.filter((_, j) => j !== i);
  return list.map((x, j) => (j === i ? { ...r, count: r.count - 1, me: mine ? false : r.me } : x));
}

/**
 * Applies one stream change. Creates a seed window (not loaded) when there was none. `me` tells which reactions
 * are the caller's.
 */
export function applyPush(w: MessageWindow | undefined, push: StreamPush, me?: string): MessageWindow {
  if (push.type === 'message.created') {
    if (!w) return { messages: [push.message], hasOlder: push.message.seq > 1, loaded: false };
    return { ...w, messages: countReplies(w.messages, upsertMessages(w.messages, [push.message]), [push.message]) };
  }
  const target = push;
  const onMessage = (change: (m: Message) => Message): MessageWindow => {
    if (!w) return emptyWindow;
    return {
      ...w,
      messages: w.messages.map((m) => (m.id === target.messageId || m.seq === target.messageSeq ? change(m) : m)),
    };
  };
  switch (push.type) {
    case 'reaction.added':
    case 'reaction.removed':
      return onMessage((m) => ({ ...m, reactions: react(m.reactions, push.emoji, push.type === 'reaction.added', push.userId === me) }));
    case 'message.pinned':
      return onMessage((m) => ({ ...m, pinnedAt: push.pinnedAt, pinnedBy: push.pinnedBy }));
    case 'message.unpinned':
      return onMessage((m) => ({ ...m, pinnedAt: null, pinnedBy: null }));
  }
  switch (push.type) {
    case 'message.edited': {
      if (!w) return emptyWindow;
      return {
        ...w,
        messages: w.messages.map((m) =>
          m.id === push.messageId || m.seq === push.messageSeq
            ? { ...m, body: push.body, mentions: push.mentions ?? [], editedAt: push.editedAt }
            : m,
        ),
      };
    }
    case 'message.deleted': {
      if (!w) return emptyWindow;
      return {
        ...w,
        messages: w.messages.map((m) =>
          m.id === push.messageId || m.seq === push.messageSeq
            ? { ...m, body: '', deletedAt: push.deletedAt, reactions: [], attachments: [], pinnedAt: null, pinnedBy: null }
            : m,
        ),
      };
    }
  }
}

/** Adds messages from REST (catch-up or a send's answer). */
export function addMessages(w: MessageWindow | undefined, messages: Message[]): MessageWindow {
  if (messages.length === 0) return w ?? emptyWindow;
  if (!w) return { messages: [...messages].sort((a, b) => a.seq - b.seq), hasOlder: true, loaded: false };
  return { ...w, messages: countReplies(w.messages, upsertMessages(w.messages, messages), messages) };
}

/**
 * A reply new to the window counts on its parent when the parent is held (docs/websocket-protocol.md: a reply's
 * `message.created` carries the parent's change). A parent is always older than its replies, so one loaded later
 * (an older page) already counts them.
 */
function countReplies(before: readonly Message[], after: Message[], added: readonly Message[]): Message[] {
  const held = new Set(before.map((m) => m.seq));
  const fresh = added.filter((m) => m.replyToId && !held.has(m.seq));
  if (fresh.length === 0) return after;
  return after.map((m) => {
    const replies = fresh.filter((r) => r.replyToId === m.id);
    if (replies.length === 0) return m;
    const latest = replies.reduce((a, b) => (a.createdAt > b.createdAt ? a : b)).createdAt;
    return {
      ...m,
      replyCount: (m.replyCount ?? 0) + replies.length,
      lastReplyAt: m.lastReplyAt && m.lastReplyAt > latest ? m.lastReplyAt : latest,
    };
  });
}

export function lastMessage(w: MessageWindow | undefined): Message | undefined {
  return w?.messages[w.messages.length - 1];
}
