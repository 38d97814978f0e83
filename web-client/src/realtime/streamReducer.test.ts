import { describe, expect, it } from 'vitest';
import type { Message, MessageCreatedPush, StreamPush } from '../api/types.ts';
import {
  initialStreamState,
  isSettled,
  reduceStream,
  resumeChunks,
  type StreamEffect,
  type StreamEvent,
  type StreamState,
} from './streamReducer.ts';

const C = '7b0e3c52-7f8e-4a43-9a53-3c1f0b1e9d11';
const D = 'c2f7a0d4-5a0e-4d7e-8a57-6a3f1f0f2b9e';

function msg(seq: number, conversationId = C): Message {
  return {
    id: `m-${conversationId.slice(0, 4)}-${seq}`,
    conversationId,
    seq,
    senderId: 'u1',
    clientMessageId: `c-${seq}`,
    body: `message ${seq}`,
    replyToId: null,
    createdAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
  };
}

function created(seq: number, conversationId = C): MessageCreatedPush {
  return { type: 'message.created', conversationId, seq, message: msg(seq, conversationId) };
}

/** Runs events in order, collecting every effect. */
function run(events: StreamEvent[], state: StreamState = initialStreamState) {
  const effects: StreamEffect[] = [];
  for (const e of events) {
    const r = reduceStream(state, e);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const applied = (effects: StreamEffect[]) =>
  effects.flatMap((e) =>
    e.type === 'apply' ? [e.push.seq] : [],
  );
const fetches = (effects: StreamEffect[]) => effects.filter((e) => e.type === 'fetch');

function edited(seq: number, messageSeq: number, conversationId = C): StreamPush {
  return {
    type: 'message.edited', conversationId, seq, messageId: `m-${conversationId.slice(0, 4)}-${messageSeq}`, messageSeq,
    body: `edited at ${seq}`, editedBy: 'u1', editedAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
  };
}

function deleted(seq: number, messageSeq: number, conversationId = C): StreamPush {
  return {
    type: 'message.deleted', conversationId, seq, messageId: `m-${conversationId.slice(0, 4)}-${messageSeq}`, messageSeq,
    deletedBy: 'u1', deletedAt: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
  };
}

describe('stream reducer: the changes feed', () => {
  it('a catch-up applies edits and deletes in seq order among the sends, like the pushes they replace', () => {
    let { state, effects } = run([
      { type: 'hold', conversationId: C, last: 2 },
      { type: 'push', push: created(6) },
    ]);
    expect(fetches(effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 2 }]);

    ({ state, effects } = run(
      [{ type: 'caughtUp', conversationId: C, afterSeq: 2, changes: [deleted(5, 3), created(3), edited(4, 1)], hasMore: false }],
      state,
    ));

    expect(effects.filter((e) => e.type === 'apply').map((e) => (e.type === 'apply' ? e.push.type : ''))).toEqual([
      'message.created', 'message.edited', 'message.deleted', 'message.created',
    ]);
    expect(applied(effects)).toEqual([3, 4, 5, 6]);
    expect(isSettled(state, C)).toBe(true);
  });

  it('a reset reloads the conversation and follows it from the number the server gave', () => {
    let { state, effects } = run([
      { type: 'hold', conversationId: C, last: 2 },
      { type: 'push', push: created(40) },
      { type: 'push', push: created(42) },
    ]);
    expect(fetches(effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 2 }]);

    ({ state, effects } = run([{ type: 'reset', conversationId: C, lastSeq: 41 }], state));

    expect(effects[0]).toEqual({ type: 'reload', conversationId: C });
    expect(state.convs[C]!.last).toBe(42); // 42 was buffered and is next after 41
    expect(applied(effects)).toEqual([42]);
    expect(isSettled(state, C)).toBe(true);
  });
});

describe('stream reducer', () => {
  it('applies pushes that arrive in order', () => {
    const { state, effects } = run([
      { type: 'hold', conversationId: C, last: 3 },
      { type: 'push', push: created(4) },
      { type: 'push', push: created(5) },
    ]);
    expect(applied(effects)).toEqual([4, 5]);
    expect(fetches(effects)).toEqual([]);
    expect(state.convs[C]!.last).toBe(5);
    expect(isSettled(state, C)).toBe(true);
  });

  it('ignores duplicates (seq <= last, or already buffered)', () => {
    const { effects } = run([
      { type: 'hold', conversationId: C, last: 3 },
      { type: 'push', push: created(4) },
      { type: 'push', push: created(4) },
      { type: 'push', push: created(2) },
      { type: 'push', push: created(7) },
      { type: 'push', push: created(7) },
    ]);
    expect(applied(effects)).toEqual([4]);
    expect(fetches(effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 4 }]);
  });

  it('a gap asks for a REST catch-up from last, then applies the buffered push after it', () => {
    let { state, effects } = run([
      { type: 'hold', conversationId: C, last: 3 },
      { type: 'push', push: created(6) },
    ]);
    expect(applied(effects)).toEqual([]);
    expect(fetches(effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 3 }]);
    expect(state.convs[C]!.buffer.map((p) => p.seq)).toEqual([6]);

    ({ state, effects } = run(
      [{ type: 'caughtUp', conversationId: C, afterSeq: 3, changes: [created(4), created(5)], hasMore: false }],
      state,
    ));
    expect(applied(effects)).toEqual([4, 5, 6]);
    expect(state.convs[C]!.last).toBe(6);
    expect(isSettled(state, C)).toBe(true);
  });

  it('catch-up loops while hasMore, then drains the buffer in seq order', () => {
    let { state, effects } = run([
      { type: 'hold', conversationId: C, last: 0 },
      { type: 'push', push: created(5) },
      { type: 'push', push: created(6) },
    ]);
    expect(fetches(effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 0 }]);
    ({ state, effects } = run(
      [{ type: 'caughtUp', conversationId: C, afterSeq: 0, changes: [created(1), created(2)], hasMore: true }],
      state,
    ));
    expect(applied(effects)).toEqual([1, 2]);
    expect(fetches(effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 2 }]);
    ({ state, effects } = run(
      [{ type: 'caughtUp', conversationId: C, afterSeq: 2, changes: [created(3), created(4), created(5)], hasMore: false }],
      state,
    ));
    // 5 came from REST, so the buffered push 5 is a duplicate; 6 follows
    expect(applied(effects)).toEqual([3, 4, 5, 6]);
    expect(state.convs[C]!.last).toBe(6);
  });

  it('buffers out-of-order pushes and applies them once the gap closes', () => {
    const { state, effects } = run([
      { type: 'hold', conversationId: C, last: 10 },
      { type: 'push', push: created(13) },
      { type: 'push', push: created(12) },
      { type: 'push', push: created(11) },
    ]);
    expect(applied(effects)).toEqual([11, 12, 13]);
    expect(state.convs[C]!.last).toBe(13);
    expect(state.convs[C]!.buffer).toEqual([]);
    // the catch-up asked for the first gap comes back with nothing new
    const after = run([{ type: 'caughtUp', conversationId: C, afterSeq: 10, changes: [created(11), created(12)], hasMore: false }], state);
    expect(applied(after.effects)).toEqual([]);
    expect(isSettled(after.state, C)).toBe(true);
  });

  it('a push arriving during a catch-up that started earlier does not let the catch-up skip it', () => {
    let { state } = run([
      { type: 'welcome', epoch: 'e1' },
      { type: 'hold', conversationId: C, last: 10 },
      { type: 'positions', epoch: 'e1', positions: { [C]: 12 } },
    ]);
    // while afterSeq=10 is in flight, 13..19 are written and 20 is pushed
    let effects: StreamEffect[];
    ({ state, effects } = run([{ type: 'push', push: created(20) }], state));
    expect(fetches(effects)).toEqual([]); // one catch-up at a time
    // the in-flight answer only knew 11..12
    ({ state, effects } = run(
      [{ type: 'caughtUp', conversationId: C, afterSeq: 10, changes: [created(11), created(12)], hasMore: false }],
      state,
    ));
    expect(applied(effects)).toEqual([11, 12]);
    expect(fetches(effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 12 }]);
    const changes = [13, 14, 15, 16, 17, 18, 19].map((s) => created(s));
    ({ state, effects } = run([{ type: 'caughtUp', conversationId: C, afterSeq: 12, changes, hasMore: false }], state));
    expect(applied(effects)).toEqual([13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('a resume answer with a higher position fetches; equal or lower does nothing', () => {
    const { state, effects } = run([
      { type: 'hold', conversationId: C, last: 4 },
      { type: 'hold', conversationId: D, last: 9 },
      { type: 'welcome', epoch: 'e1' },
      { type: 'positions', epoch: 'e1', positions: { [C]: 7, [D]: 9 } },
    ]);
    expect(fetches(effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 4 }]);
    // REST shows 5..6; 7 was an edit it does not list: the position is still covered
    const done = run([{ type: 'caughtUp', conversationId: C, afterSeq: 4, changes: [created(5), created(6)], hasMore: false }], state);
    expect(done.state.convs[C]!.last).toBe(7);
    expect(isSettled(done.state, C)).toBe(true);
  });

  it('a new epoch catches up every held conversation, whatever the numbers say', () => {
    const { state, effects } = run([
      { type: 'hold', conversationId: C, last: 4 },
      { type: 'hold', conversationId: D, last: 9 },
      { type: 'welcome', epoch: 'e1' },
      { type: 'positions', epoch: 'e2', positions: { [C]: 1 } },
    ]);
    expect(fetches(effects)).toEqual([
      { type: 'fetch', conversationId: C, afterSeq: 4 },
      { type: 'fetch', conversationId: D, afterSeq: 9 },
    ]);
    expect(state.epoch).toBe('e2');
    const done = run(
      [
        { type: 'caughtUp', conversationId: C, afterSeq: 4, changes: [], hasMore: false },
        { type: 'caughtUp', conversationId: D, afterSeq: 9, changes: [created(10, D)], hasMore: false },
      ],
      state,
    );
    expect(applied(done.effects)).toEqual([10]);
    expect(isSettled(done.state, C) && isSettled(done.state, D)).toBe(true);
  });

  it('a welcome with a new epoch also catches up; the first epoch is adopted', () => {
    let r = run([{ type: 'hold', conversationId: C, last: 2 }, { type: 'welcome', epoch: 'e1' }]);
    expect(fetches(r.effects)).toEqual([]);
    r = run([{ type: 'welcome', epoch: 'e1' }], r.state);
    expect(fetches(r.effects)).toEqual([]);
    r = run([{ type: 'welcome', epoch: 'e9' }], r.state);
    expect(fetches(r.effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 2 }]);
  });

  it('a push for an unknown conversation applies it and reports the conversation', () => {
    const { state, effects } = run([{ type: 'push', push: created(1, D) }]);
    expect(effects[0]).toEqual({ type: 'unknownConversation', conversationId: D });
    expect(applied(effects)).toEqual([1]);
    expect(state.convs[D]!.last).toBe(1);
  });

  it('applies edits and deletes as stream changes (they take seq numbers too)', () => {
    const edit: StreamPush = {
      type: 'message.edited', conversationId: C, seq: 5, messageId: 'm-7b0e-4', messageSeq: 4,
      body: 'fixed', editedBy: 'u1', editedAt: new Date().toISOString(),
    };
    const del: StreamPush = {
      type: 'message.deleted', conversationId: C, seq: 6, messageId: 'm-7b0e-4', messageSeq: 4,
      deletedBy: 'u1', deletedAt: new Date().toISOString(),
    };
    const { state, effects } = run([
      { type: 'hold', conversationId: C, last: 4 },
      { type: 'push', push: del },
      { type: 'push', push: edit },
    ]);
    expect(effects.filter((e) => e.type === 'apply').map((e) => (e as { push: StreamPush }).push.type)).toEqual([
      'message.edited',
      'message.deleted',
    ]);
    expect(state.convs[C]!.last).toBe(6);
  });

  it('a failed catch-up can be retried', () => {
    let r = run([
      { type: 'hold', conversationId: C, last: 1 },
      { type: 'push', push: created(3) },
      { type: 'catchUpFailed', conversationId: C },
    ]);
    expect(r.state.convs[C]!.fetching).toBe(false);
    r = run([{ type: 'retry', conversationId: C }], r.state);
    expect(fetches(r.effects)).toEqual([{ type: 'fetch', conversationId: C, afterSeq: 1 }]);
  });

  it('resume payloads hold every conversation with a baseline, at most 500 per frame', () => {
    const events: StreamEvent[] = [];
    for (let i = 0; i < 1203; i++) events.push({ type: 'hold', conversationId: `conv-${i}`, last: i });
    events.push({ type: 'track', conversationId: 'no-baseline' });
    const { state } = run(events);
    const chunks = resumeChunks(state);
    expect(chunks.map((c) => Object.keys(c).length)).toEqual([500, 500, 203]);
    expect(chunks[2]!['conv-1202']).toBe(1202);
    expect(chunks.some((c) => 'no-baseline' in c)).toBe(false);
  });

  it('a conversation without a baseline adopts its first push', () => {
    const { state, effects } = run([
      { type: 'track', conversationId: C },
      { type: 'push', push: created(42) },
      { type: 'push', push: created(43) },
    ]);
    expect(applied(effects)).toEqual([42, 43]);
    expect(fetches(effects)).toEqual([]);
    expect(state.convs[C]!.last).toBe(43);
  });
});
