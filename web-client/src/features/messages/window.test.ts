import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types.ts';
import { buildRows } from './rows.ts';
import { addMessages, applyPush, mergeLatestPage, prependOlder } from './window.ts';

const m = (seq: number, senderId = 'a', at = 1_700_000_000_000 + seq * 1000): Message => ({
  id: `id${seq}`, conversationId: 'c', seq, senderId, clientMessageId: `c-${seq}`, body: `b${seq}`, replyToId: null,
  createdAt: new Date(at).toISOString(),
});

describe('message window', () => {
  it('merges the latest page with what pushes brought, without duplicates', () => {
    const seeded = applyPush(undefined, { type: 'message.created', conversationId: 'c', seq: 10, message: m(10) });
    expect(seeded.loaded).toBe(false);
    const merged = mergeLatestPage(seeded, { items: [m(8), m(9), m(10)], hasMore: true });
    expect(merged.messages.map((x) => x.seq)).toEqual([8, 9, 10]);
    expect(merged).toMatchObject({ hasOlder: true, loaded: true });
  });

  it('replaces a window the newer page does not reach', () => {
    const w = addMessages(undefined, [m(1), m(2)]);
    const merged = mergeLatestPage(w, { items: [m(60), m(61)], hasMore: true });
    expect(merged.messages.map((x) => x.seq)).toEqual([60, 61]);
  });

  it('prepends older pages and keeps order', () => {
    const w = mergeLatestPage(undefined, { items: [m(5), m(6)], hasMore: true });
    const older = prependOlder(w, { items: [m(3), m(4)], hasMore: false });
    expect(older.messages.map((x) => x.seq)).toEqual([3, 4, 5, 6]);
    expect(older.hasOlder).toBe(false);
  });

  it('applies edits and deletes', () => {
    let w = mergeLatestPage(undefined, { items: [m(1)], hasMore: false });
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
