import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types.ts';
import { buildRows } from './rows.ts';
import { addMessages, applyPush, mergeLatestPage, prependOlder, react, type MessageWindow } from './window.ts';

const m = (seq: number, senderId = 'a', at = 1_700_000_000_000 + seq * 1000): Message => ({
  id: `id${seq}`, conversationId: 'c', seq, senderId, clientMessageId: `c-${seq}`, body: `b${seq}`, replyToId: null,
  createdAt: new Date(at).toISOString(),
});

describe('message window', () => {
  it('merges the latest page with what pushes brought, without duplicates', () => {
    const seeded = applyPush(undefined, { type: 'message.created', conversationId: 'c', seq: 10, message: m(10) });
    expect(seeded.loaded).toBe(false);
    const merged = mergeLatestPage(seeded, { items: [m(8), m(9), m(10)], hasMore: true, lastSeq: 0 });
    expect(merged.messages.map((x) => x.seq)).toEqual([8, 9, 10]);
    expect(merged).toMatchObject({ hasOlder: true, loaded: true });
  });

  it('replaces a window the newer page does not reach', () => {
    const w = addMessages(undefined, [m(1), m(2)]);
    const merged = mergeLatestPage(w, { items: [m(60), m(61)], hasMore: true, lastSeq: 0 });
    expect(merged.messages.map((x) => x.seq)).toEqual([60, 61]);
  });

  it('prepends older pages and keeps order', () => {
    const w = mergeLatestPage(undefined, { items: [m(5), m(6)], hasMore: true, lastSeq: 0 });
    const older = prependOlder(w, { items: [m(3), m(4)], hasMore: false, lastSeq: 0 });
    expect(older.messages.map((x) => x.seq)).toEqual([3, 4, 5, 6]);
    expect(older.hasOlder).toBe(false);
  });

  it('applies edits and deletes', () => {
    let w = mergeLatestPage(undefined, { items: [m(1)], hasMore: false, lastSeq: 0 });
    w = applyPush(w, { type: 'message.edited', conversationId: 'c', seq: 2, messageId: 'id1', messageSeq: 1, body: 'new', editedBy: 'a', editedAt: 'now' });
    expect(w.messages[0]).toMatchObject({ body: 'new', editedAt: 'now' });
    w = applyPush(w, { type: 'message.deleted', conversationId: 'c', seq: 3, messageId: 'id1', messageSeq: 1, deletedBy: 'a', deletedAt: 'later' });
    expect(w.messages[0]).toMatchObject({ body: '', deletedAt: 'later' });
  });
});

describe('rows', () => {
  it('adds day separators and groups runs of one sender within 5 minutes', () => {
    const day1 = new Date(2026, 0, 1, 10, 0).getTime();
    const day2 = new Date(2026, 0, 2, 10, 0).getTime();
    const rows = buildRows(
      [m(1, 'a', day1), m(2, 'a', day1 + 60_000), m(3, 'b', day1 + 120_000), m(4, 'b', day1 + 20 * 60_000), m(5, 'b', day2)],
      [],
      'me',
    );
    expect(rows.map((r) => (r.kind === 'message' ? `${r.message.seq}${r.head ? 'H' : ''}` : r.kind))).toEqual([
      'day', '1H', '2', '3H', '4H', 'day', '5H',
    ]);
  });

  it('puts the unread divider before the first unread message from others', () => {
    const rows = buildRows([m(1), m(2), m(3)], [], 'me', 1);
    expect(rows.map((r) => r.kind)).toEqual(['day', 'message', 'unread', 'message', 'message']);
  });
});

describe('reactions and pins from the stream', () => {
  const base = (): MessageWindow => mergeLatestPage(undefined, { items: [m(1), m(2)], hasMore: false, lastSeq: 0 });
  const reaction = (type: 'reaction.added' | 'reaction.removed', seq: number, userId: string, emoji = '👍') => ({
    type, conversationId: 'c', seq, messageId: 'id1', messageSeq: 1, userId, emoji, at: new Date(seq).toISOString(),
  } as const);

  it('counts each user once per emoji, keeps first-use order, and knows which are mine', () => {
    let w = base();
    w = applyPush(w, reaction('reaction.added', 3, 'bob'), 'me');
    w = applyPush(w, reaction('reaction.added', 4, 'me', '🎉'), 'me');
    w = applyPush(w, reaction('reaction.added', 5, 'me'), 'me');
    expect(w.messages[0]!.reactions).toEqual([
      { emoji: '👍', count: 2, me: true },
      { emoji: '🎉', count: 1, me: true },
    ]);
    w = applyPush(w, reaction('reaction.removed', 6, 'me'), 'me');
    w = applyPush(w, reaction('reaction.removed', 7, 'me', '🎉'), 'me');
    expect(w.messages[0]!.reactions).toEqual([{ emoji: '👍', count: 1, me: false }]);
    expect(w.messages[1]!.reactions).toBeUndefined();
  });

  it('react() leaves an absent reaction alone when removing', () => {
    expect(react([], '👍', false, true)).toEqual([]);
  });

  it('a pin and an unpin mark the message', () => {
    let w = applyPush(base(), { type: 'message.pinned', conversationId: 'c', seq: 3, messageId: 'id2', messageSeq: 2, pinnedBy: 'me', pinnedAt: 't' });
    expect(w.messages[1]!.pinnedAt).toBe('t');
    w = applyPush(w, { type: 'message.unpinned', conversationId: 'c', seq: 4, messageId: 'id2', messageSeq: 2, unpinnedBy: 'me', unpinnedAt: 'u' });
    expect(w.messages[1]!.pinnedAt).toBeNull();
  });
});
