import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.ts';
import type { Message } from '../../api/types.ts';
import * as q from './outbox.ts';
import { MEDIA_NOT_READY_BACKOFF_MS, OutboxStore } from './outboxStore.ts';

const C = 'conv-1';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

function serverMessage(clientMessageId: string, body: string, seq: number): Message {
  return { id: `id-${seq}`, conversationId: C, seq, senderId: 'me', clientMessageId, body, replyToId: null, createdAt: new Date().toISOString() };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('outbox (pure)', () => {
  it('generates valid, unique clientMessageIds', () => {
    const a = q.newClientMessageId();
    const b = q.newClientMessageId();
    expect(a).toMatch(/^c-[A-Za-z0-9_-]{1,62}$/);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).not.toBe(b);
  });

  it('sends one at a time in order', () => {
    let o = q.enqueue([], { clientMessageId: 'c-1', conversationId: C, body: 'one', createdAt: '' });
    o = q.enqueue(o, { clientMessageId: 'c-2', conversationId: C, body: 'two', createdAt: '' });
    expect(q.nextToSend(o)?.clientMessageId).toBe('c-1');
    o = q.markSending(o, 'c-1');
    expect(q.nextToSend(o)).toBeUndefined();
    o = q.confirm(o, 'c-1');
    expect(q.nextToSend(o)?.clientMessageId).toBe('c-2');
  });

  it('retry keeps the clientMessageId and body', () => {
    let o = q.enqueue([], { clientMessageId: 'c-1', conversationId: C, body: 'one', createdAt: '' });
    o = q.markFailed(q.markSending(o, 'c-1'), 'c-1', 'boom');
    expect(o[0]!.status).toBe('failed');
    o = q.retry(o, 'c-1');
    expect(o[0]).toMatchObject({ clientMessageId: 'c-1', body: 'one', status: 'queued' });
    expect(o[0]!.error).toBeUndefined();
  });

  it('hides a pending item once the server confirmed its clientMessageId (no duplicate)', () => {
    const o = q.enqueue([], { clientMessageId: 'c-1', conversationId: C, body: 'one', createdAt: '' });
    expect(q.pendingNotConfirmed(q.forConversation(o, C), new Set(['c-1']))).toEqual([]);
    expect(q.pendingNotConfirmed(q.forConversation(o, C), new Set())).toHaveLength(1);
  });

  it('an interrupted send is queued again after a reload', () => {
    const o = q.markSending(q.enqueue([], { clientMessageId: 'c-1', conversationId: C, body: 'x', createdAt: '' }), 'c-1');
    expect(q.restore(o)[0]!.status).toBe('queued');
  });
});

describe('OutboxStore', () => {
  it('a failed send shows failed; Retry resends with the SAME clientMessageId', async () => {
    const sent: string[] = [];
    let fail = true;
    const onSent = vi.fn();
    const store = new OutboxStore({
      storage: memoryStorage(),
      key: 'k',
      isOnline: () => true,
      onSent,
      send: async (item) => {
        sent.push(item.clientMessageId);
        if (fail) {
          fail = false;
          throw new ApiError('network', 0, { title: 'Network error' });
        }
        return serverMessage(item.clientMessageId, item.body, 1);
      },
    });
    const id = store.add(C, 'hello');
    await flush();
    expect(store.getSnapshot()[0]).toMatchObject({ clientMessageId: id, status: 'failed' });
    store.retry(id);
    await flush();
    expect(sent).toEqual([id, id]);
    expect(store.getSnapshot()).toEqual([]);
    expect(onSent).toHaveBeenCalledTimes(1);
  });

  it('queues while offline (persisted) and sends in order when back online', async () => {
    let online = false;
    const storage = memoryStorage();
    const sent: string[] = [];
    const deps = {
      storage,
      key: 'outbox',
      isOnline: () => online,
      onSent: () => {},
      send: async (item: q.OutboxItem) => {
        sent.push(item.body);
        return serverMessage(item.clientMessageId, item.body, sent.length);
      },
    };
    const store = new OutboxStore(deps);
    store.add(C, 'first');
    store.add(C, 'second');
    store.add('conv-2', 'third');
    await flush();
    expect(sent).toEqual([]);
    expect(JSON.parse(storage.map.get('outbox')!).map((i: q.OutboxItem) => i.body)).toEqual(['first', 'second', 'third']);

    // a reload while offline keeps the queue
    const reloaded = new OutboxStore(deps);
    expect(reloaded.getSnapshot().map((i) => i.body)).toEqual(['first', 'second', 'third']);

    online = true;
    reloaded.pump();
    for (let i = 0; i < 5; i++) await flush();
    expect(sent).toEqual(['first', 'second', 'third']);
    expect(reloaded.getSnapshot()).toEqual([]);
    expect(storage.map.has('outbox')).toBe(false);
  });

  it('a network failure while offline re-queues instead of failing', async () => {
    let online = true;
    const store = new OutboxStore({
      storage: memoryStorage(),
      key: 'k',
      isOnline: () => online,
      onSent: () => {},
      send: async () => {
        online = false;
        throw new ApiError('network', 0, { title: 'Network error' });
      },
    });
    store.add(C, 'x');
    await flush();
    expect(store.getSnapshot()[0]!.status).toBe('queued');
  });

  it('a push confirming my message removes the pending item; the late REST answer adds no copy', async () => {
    let resolve!: (m: Message) => void;
    const onSent = vi.fn();
    const store = new OutboxStore({
      storage: memoryStorage(),
      key: 'k',
      isOnline: () => true,
      onSent,
      send: () => new Promise<Message>((r) => (resolve = r)),
    });
    const id = store.add(C, 'hi');
    expect(store.getSnapshot()[0]!.status).toBe('sending');
    store.confirm(id); // the push arrived first
    expect(store.getSnapshot()).toEqual([]);
    resolve(serverMessage(id, 'hi', 7));
    await flush();
    expect(store.getSnapshot()).toEqual([]);
    expect(onSent).toHaveBeenCalledTimes(1); // upserted by seq into the cache: idempotent
  });

  it('a server refusal (4xx) fails with the problem detail', async () => {
    const store = new OutboxStore({
      storage: memoryStorage(),
      key: 'k',
      isOnline: () => true,
      onSent: () => {},
      send: async () => {
        throw new ApiError('http', 400, { title: 'Bad Request', detail: 'body is too long' });
      },
    });
    store.add(C, 'x');
    await flush();
    expect(store.getSnapshot()[0]).toMatchObject({ status: 'failed', error: 'Not sent: body is too long' });
  });

  describe('media-not-ready (the message service has not yet heard an upload completed)', () => {
    const notReady = () =>
      new ApiError('http', 409, { type: 'https://chat.dev/problems/media-not-ready', title: 'Conflict', status: 409, detail: 'Media not ready' });
    const photo = { mediaId: 'm-1', contentType: 'image/png', sizeBytes: 4, filename: 'photo.png' };

    function harness(answers: (() => Promise<Message>)[]) {
      let clock = 0;
      const timers: { at: number; fn: () => void }[] = [];
      const sends: q.OutboxItem[] = [];
      const store = new OutboxStore({
        storage: memoryStorage(),
        key: 'k',
        isOnline: () => true,
        onSent: () => {},
        now: () => clock,
        setTimeout: (fn, ms) => timers.push({ at: clock + ms, fn }),
        send: (item) => {
          sends.push(item);
          return answers[sends.length - 1]!();
        },
      });
      /** Moves the clock to the next timer and runs it. */
      const tick = async () => {
        const next = timers.shift();
        if (!next) return false;
        clock = next.at;
        next.fn();
        await flush();
        return true;
      };
      return { store, sends, tick, waited: () => clock };
    }

    it('sends the same item again (same clientMessageId, same files) with a growing wait, until it lands', async () => {
      const h = harness([
        () => Promise.reject(notReady()),
        () => Promise.reject(notReady()),
        async () => ({ ...serverMessage(h.sends[2]!.clientMessageId, '', 9), attachments: [photo] }),
      ]);
      const id = h.store.add(C, '', null, [photo]);
      await flush();
      expect(h.store.getSnapshot()[0]).toMatchObject({ status: 'queued', attachments: [photo] });
      expect(await h.tick()).toBe(true);
      expect(await h.tick()).toBe(true);
      expect(h.sends.map((s) => s.clientMessageId)).toEqual([id, id, id]);
      expect(h.sends.every((s) => s.attachments?.[0]?.mediaId === 'm-1')).toBe(true);
      expect(h.waited()).toBe(MEDIA_NOT_READY_BACKOFF_MS[0] + MEDIA_NOT_READY_BACKOFF_MS[1]);
      expect(h.store.getSnapshot()).toEqual([]);
    });

    it('gives up after about five seconds: failed, with Retry', async () => {
      const h = harness(Array.from({ length: 10 }, () => () => Promise.reject(notReady())));
      h.store.add(C, '', null, [photo]);
      await flush();
      while (await h.tick()) {
        // each wait elapses
      }
      expect(h.sends).toHaveLength(MEDIA_NOT_READY_BACKOFF_MS.length + 1);
      expect(h.waited()).toBeLessThanOrEqual(5_000);
      expect(h.store.getSnapshot()[0]).toMatchObject({ status: 'failed', error: 'Not sent: Media not ready' });
    });

    it('another 409 is not retried', async () => {
      const h = harness([() => Promise.reject(new ApiError('http', 409, { type: 'about:blank', status: 409, detail: 'Conflict' }))]);
      h.store.add(C, 'x');
      await flush();
      expect(h.store.getSnapshot()[0]!.status).toBe('failed');
      expect(await h.tick()).toBe(false);
    });
  });
});
