import { describe, expect, it } from 'vitest';
import { CursorStore, readersOf, tickOf } from './cursors.ts';

describe('ticks and read-by from cursors', () => {
  const cursors = { a: { delivered: 10, read: 10 }, b: { delivered: 9, read: 7 }, c: { delivered: 5, read: 5 } };

  it('is read when every other member read it, delivered when it reached them all, else sent', () => {
    expect(tickOf(5, 'a', cursors, ['a', 'b', 'c'])).toBe('read');
    expect(tickOf(7, 'a', cursors, ['a', 'b'])).toBe('read');
    expect(tickOf(9, 'a', cursors, ['a', 'b'])).toBe('delivered');
    expect(tickOf(9, 'a', cursors, ['a', 'b', 'c'])).toBe('sent');
    expect(tickOf(1, 'a', undefined, ['a', 'b'])).toBe('sent');
    expect(tickOf(1, 'a', cursors, ['a', 'unknown'])).toBe('sent');
  });

  it('lists readers and the members it only reached, never the sender', () => {
    expect(readersOf(7, 'a', cursors)).toEqual({ read: ['b'], delivered: [] });
    expect(readersOf(8, 'a', cursors)).toEqual({ read: [], delivered: ['b'] });
    expect(readersOf(5, 'c', cursors)).toEqual({ read: ['a', 'b'], delivered: [] });
  });
});

describe('CursorStore', () => {
  it('takes the highest of a load and the pushes, and a read is also a delivery', async () => {
    const store = new CursorStore(async () => ({ items: [{ userId: 'b', deliveredSeq: 3, readSeq: 2 }], truncated: false }));
    store.onReceipt({ type: 'receipt.moved', conversationId: 'x', cursors: [{ userId: 'b', kind: 'READ', seq: 9 }] });
    expect(store.getSnapshot()['x']).toBeUndefined(); // not loaded: ignored
    await store.load('x');
    store.onReceipt({ type: 'receipt.moved', conversationId: 'x', cursors: [{ userId: 'b', kind: 'READ', seq: 5 }] });
    store.onReceipt({ type: 'receipt.moved', conversationId: 'x', cursors: [{ userId: 'b', kind: 'DELIVERED', seq: 4 }] });
    expect(store.getSnapshot()['x']!['b']).toEqual({ delivered: 5, read: 5 });
  });
});
