/**
 * The send queue ("outbox"), as pure functions. Every message typed gets a clientMessageId once; retries
 * and offline resends reuse it (the server answers a repeated id with the same message, never a copy).
 * Items go out one at a time, in the order they were written.
 */
import type { Attachment, UUID } from '../../api/types.ts';

export type OutboxStatus = 'queued' | 'sending' | 'failed';

export interface OutboxItem {
  clientMessageId: string;
  conversationId: UUID;
  body: string;
  /** A reply in the thread of this message (shown in the thread panel, not the main list). */
  replyToId?: UUID | null;
  /** Uploaded files (READY) it carries; the body may be "" then. */
  attachments?: Attachment[];
  /** When it was written (ISO), shown as its time while pending. */
  createdAt: string;
  status: OutboxStatus;
  /** A human message for a failed item. */
  error?: string;
  /** Send attempts so far (automatic retries of throttled sends count). */
  attempts: number;
}

export type Outbox = readonly OutboxItem[];

export function newClientMessageId(): string {
  const uuid =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
  return `c-${uuid.replace(/-/g, '')}`;
}

export function enqueue(outbox: Outbox, item: Omit<OutboxItem, 'status' | 'attempts'>): Outbox {
  if (outbox.some((i) => i.clientMessageId === item.clientMessageId)) return outbox;
  return [...outbox, { ...item, status: 'queued', attempts: 0 }];
}

/** The next item to send: the first queued one, unless a send is already in flight. */
export function nextToSend(outbox: Outbox): OutboxItem | undefined {
  if (outbox.some((i) => i.status === 'sending')) return undefined;
  return outbox.find((i) => i.status === 'queued');
}

function update(outbox: Outbox, id: string, patch: Partial<OutboxItem>): Outbox {
  let hit = false;
  const next = outbox.map((i) => {
    if (i.clientMessageId !== id) return i;
    hit = true;
    return { ...i, ...patch };
  });
  return hit ? next : outbox;
}

export function markSending(outbox: Outbox, id: string): Outbox {
  const item = outbox.find((i) => i.clientMessageId === id);
  return item ? update(outbox, id, { status: 'sending', attempts: item.attempts + 1, error: undefined }) : outbox;
}

export function markFailed(outbox: Outbox, id: string, error: string): Outbox {
  return update(outbox, id, { status: 'failed', error });
}

/** Back in line (offline, or throttled): sent again with the same clientMessageId. */
export function markQueued(outbox: Outbox, id: string): Outbox {
  return update(outbox, id, { status: 'queued' });
}

/** The Retry button: the same item, the same clientMessageId, first in line again. */
export function retry(outbox: Outbox, id: string): Outbox {
  return update(outbox, id, { status: 'queued', error: undefined });
}

/** The server has the message (the REST answer, or a push of my message carrying that id). */
export function confirm(outbox: Outbox, clientMessageId: string): Outbox {
  const next = outbox.filter((i) => i.clientMessageId !== clientMessageId);
  return next.length === outbox.length ? outbox : next;
}

export function discard(outbox: Outbox, id: string): Outbox {
  return confirm(outbox, id);
}

/** After a reload: an interrupted send is queued again (the same id makes a repeat harmless). */
export function restore(outbox: Outbox): Outbox {
  return outbox.map((i) => (i.status === 'sending' ? { ...i, status: 'queued' as const } : i));
}

export function forConversation(outbox: Outbox, conversationId: UUID): OutboxItem[] {
  return outbox.filter((i) => i.conversationId === conversationId);
}

/**
 * What the conversation shows: confirmed messages, then my pending/failed ones, minus any pending item the
 * server already confirmed (matched by clientMessageId on a message of mine): no duplicates in between.
 */
export function pendingNotConfirmed(
  items: OutboxItem[],
  confirmedIds: ReadonlySet<string>,
): OutboxItem[] {
  return items.filter((i) => !confirmedIds.has(i.clientMessageId));
}
