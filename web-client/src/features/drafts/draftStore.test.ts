import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.ts';
import type { Draft, DraftList } from './api.ts';
import { DraftStore } from './draftStore.ts';

function draft(conversationId: string, body: string, version: number): Draft {
  return { conversationId, body, replyToId: null, version, updatedAt: '2026-12-02T06:00:00Z' };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('DraftStore', () => {
  it('follows another device: a pushed save is fetched, a pushed clear drops it, old pushes change nothing', async () => {
    const api = {
      list: vi.fn(async (): Promise<DraftList> => ({ items: [draft('c1', 'from the list', 3)], version: 3 })),
      get: vi.fn(async () => draft('c1', 'typed on my laptop', 4)),
      put: vi.fn(),
      remove: vi.fn(),
    };
    const store = new DraftStore(api);
    await store.load();
    expect(store.text('c1')).toBe('from the list');

    store.onFrame({ type: 'draft.changed', conversationId: 'c1', version: 3, updatedAt: '', cleared: false });
    expect(api.get).not.toHaveBeenCalled();
    store.onFrame({ type: 'draft.changed', conversationId: 'c1', version: 4, updatedAt: '', cleared: false });
    await flush();
    expect(api.get).toHaveBeenCalledWith('c1');
    expect(store.text('c1')).toBe('typed on my laptop');

    store.onFrame({ type: 'draft.changed', conversationId: 'c1', version: 5, updatedAt: '', cleared: true });
    expect(store.text('c1')).toBe('');
  });

  it('a clear answered after a later save does not drop that save', async () => {
    const clear = deferred<void>();
    const api = {
      list: vi.fn(),
      get: vi.fn(),
      put: vi.fn(async (id: string, body: string) => draft(id, body, 9)),
      remove: vi.fn(() => clear.promise),
    };
    const store = new DraftStore(api);
    store.save('c1', '');
    store.save('c1', 'new text');
    await flush();
    clear.resolve();
    await flush();
    expect(store.text('c1')).toBe('new text');
    expect(store.getSnapshot().pending).toEqual({});
  });

  it('a failed save keeps its text and is sent again after the next load', async () => {
    const api = {
      list: vi.fn(async (): Promise<DraftList> => ({ items: [], version: 0 })),
      get: vi.fn(),
      put: vi
        .fn()
        .mockRejectedValueOnce(new Error('offline'))
        .mockImplementation(async (id: string, body: string) => draft(id, body, 1)),
      remove: vi.fn(),
    };
    const store = new DraftStore(api);
    store.save('c1', 'written offline');
    await flush();
    expect(store.text('c1')).toBe('written offline');
    await store.load();
    await flush();
    expect(api.put).toHaveBeenCalledTimes(2);
    expect(store.getSnapshot().drafts.c1?.body).toBe('written offline');
    expect(store.getSnapshot().pending).toEqual({});
  });

  it('a save the server refuses is dropped, not retried', async () => {
    const api = {
      list: vi.fn(async (): Promise<DraftList> => ({ items: [], version: 0 })),
      get: vi.fn(),
      put: vi.fn(async () => {
        throw new ApiError('http', 404, { title: 'Not Found' });
      }),
      remove: vi.fn(),
    };
    const store = new DraftStore(api);
    store.save('c1', 'in a conversation I just left');
    await flush();
    expect(store.text('c1')).toBe('');
    await store.load();
    expect(api.put).toHaveBeenCalledTimes(1);
  });
});
