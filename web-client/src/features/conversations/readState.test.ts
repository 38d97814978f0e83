import { describe, expect, it, vi } from 'vitest';
import type { ReceiptMoveRequest, UnreadState } from '../../api/types.ts';
import { ReadStore, type ReadApi } from './readState.ts';

const state = (over: Partial<UnreadState>): UnreadState => ({
  conversationId: 'c',
  deliveredSeq: 0,
  readSeq: 0,
  unreadFromSeq: null,
  unreadCount: 0,
  firstUnreadSeq: null,
  mentionCount: 0,
  ...over,
});

function fakeApi() {
  const moves: { id: string; move: ReceiptMoveRequest; resolve: (s: UnreadState) => void }[] = [];
  const api: ReadApi = {
    move: (id, move) => new Promise((resolve) => moves.push({ id, move, resolve })),
    markUnread: async (id) => state({ conversationId: id, readSeq: 9, unreadFromSeq: 4, unreadCount: 3, firstUnreadSeq: 4 }),
    unread: async () => ({ items: [state({ conversationId: 'a', readSeq: 5, deliveredSeq: 5, unreadCount: 2, firstUnreadSeq: 6 })], cap: 100 }),
    receipt: async (id) => state({ conversationId: id, readSeq: 3 }),
  };
  return { api, moves };
}

describe('ReadStore', () => {
  it('loads the server states: listed ones as given, the others read up to their latest message', async () => {
    const { api } = fakeApi();
    const reads = new ReadStore(api);
    await reads.load(['a', 'b'], (id) => (id === 'b' ? 12 : 5));
    expect(reads.lastRead('a')).toBe(5);
    expect(reads.serverCount('a')).toBe(2);
    expect(reads.firstUnread('a')).toBe(6);
    expect(reads.lastRead('b')).toBe(12);
    expect(reads.isKnown('b')).toBe(true);
  });

  it('sends one read at a time per conversation and only the latest one queued behind it', async () => {
    const { api, moves } = fakeApi();
    const reads = new ReadStore(api);
    reads.markRead('c', 3);
    reads.markRead('c', 4);
    reads.markRead('c', 6);
    reads.markRead('c', 5); // behind: nothing
    expect(reads.lastRead('c')).toBe(0); // not known yet: the snapshot lists known conversations
    expect(moves.map((m) => m.move.readSeq)).toEqual([3]);
    moves[0]!.resolve(state({ readSeq: 3 }));
    await vi.waitFor(() => expect(moves.map((m) => m.move.readSeq)).toEqual([3, 6]));
    moves[1]!.resolve(state({ readSeq: 6 }));
    await vi.waitFor(() => expect(reads.lastRead('c')).toBe(6));
  });

  it('a mark unread moves the effective cursor back until a read reaches it; pushes of my reads follow', async () => {
    const { api } = fakeApi();
    const reads = new ReadStore(api);
    await reads.markUnread('c', 'm4');
    expect(reads.isMarkedUnread('c')).toBe(true);
    expect(reads.lastRead('c')).toBe(3);
    reads.onReceipt({ type: 'receipt.moved', conversationId: 'c', cursors: [{ userId: 'me', kind: 'READ', seq: 10 }] }, 'me');
    expect(reads.isMarkedUnread('c')).toBe(false);
    expect(reads.lastRead('c')).toBe(10);
    reads.onReceipt({ type: 'receipt.moved', conversationId: 'c', cursors: [{ userId: 'other', kind: 'READ', seq: 20 }] }, 'me');
    expect(reads.lastRead('c')).toBe(10);
  });

  it('batches deliveries: one move per conversation per second, with the highest seq', async () => {
    vi.useFakeTimers();
    try {
      const { api, moves } = fakeApi();
      const reads = new ReadStore(api);
      reads.markDelivered('c', 2);
      reads.markDelivered('c', 7);
      reads.markDelivered('d', 1);
      expect(moves).toHaveLength(0);
      vi.advanceTimersByTime(1000);
      expect(moves.map((m) => [m.id, m.move.deliveredSeq])).toEqual([['c', 7], ['d', 1]]);
      reads.markDelivered('c', 7);
      vi.advanceTimersByTime(1000);
      expect(moves).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
