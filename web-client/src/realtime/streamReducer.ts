/**
 * The conversation streams, as a PURE reducer: (state, event) -> (state, effects). No I/O, no clocks;
 * the engine (streamEngine.ts) performs the effects and feeds the answers back as events.
 *
 * Per conversation it keeps the highest change `seq` applied (`last`). A push with `seq === last + 1` is
 * applied; `seq <= last` is a duplicate; above that is a gap: the push is buffered and a REST catch-up
 * (`GET .../changes?after=last`, looping while `hasMore`) fills it first with the same change shapes, then the buffer
 * drains in seq order. A catch-up past the server's retention answers `reset`: the conversation is reloaded and
 * followed from the number the answer gives.
 * `positions` frames (resume answers and periodic ones) raise the target; a new `epoch` sends every held
 * conversation to REST (docs/websocket-protocol.md, "Epochs and positions").
 */
import type { StreamPush, UUID } from '../api/types.ts';

export interface ConvStream {
  /** Highest seq applied; null while no baseline is known (then the first push is adopted). */
  last: number | null;
  /** A catch-up page is in flight. */
  fetching: boolean;
  /** Highest seq known to exist (from positions frames and buffered pushes). */
  target: number;
  /** `target` when the in-flight catch-up was asked: an empty answer proves everything up to it. */
  requested: number;
  /** Must catch up even without a known gap (the epoch changed). */
  stale: boolean;
  /** Pushes above `last + 1`, ascending by seq, unique. */
  buffer: StreamPush[];
}

export interface StreamState {
  epoch: string | null;
  convs: Record<UUID, ConvStream>;
}

export type StreamEvent =
  /** A baseline from REST: everything up to `last` is in the caches. */
  | { type: 'hold'; conversationId: UUID; last: number }
  /** A conversation of the list whose baseline is not known yet. */
  | { type: 'track'; conversationId: UUID }
  | { type: 'forget'; conversationId: UUID }
  | { type: 'push'; push: StreamPush }
  | { type: 'welcome'; epoch: string }
  | { type: 'positions'; epoch: string; positions: Record<UUID, number> }
  /** One catch-up page (`after`), changes ascending. */
  | { type: 'caughtUp'; conversationId: UUID; afterSeq: number; changes: StreamPush[]; hasMore: boolean }
  /** The catch-up reached back past what the server keeps: reload, then follow from `lastSeq`. */
  | { type: 'reset'; conversationId: UUID; lastSeq: number }
  | { type: 'catchUpFailed'; conversationId: UUID }
  /** Try a failed catch-up again. */
  | { type: 'retry'; conversationId: UUID };

export type StreamEffect =
  /** Apply one change to the caches (in seq order). */
  | { type: 'apply'; push: StreamPush }
  /** Drop what the caches hold of the conversation and load it afresh (after a reset). */
  | { type: 'reload'; conversationId: UUID }
  | { type: 'fetch'; conversationId: UUID; afterSeq: number }
  /** A push for a conversation this client does not hold (e.g. a DM someone just opened). */
  | { type: 'unknownConversation'; conversationId: UUID };

export interface StreamResult {
  state: StreamState;
  effects: StreamEffect[];
}

export const initialStreamState: StreamState = { epoch: null, convs: {} };

function fresh(last: number | null): ConvStream {
  return { last, fetching: false, target: last ?? 0, requested: 0, stale: false, buffer: [] };
}

function insertPush(buffer: StreamPush[], push: StreamPush): StreamPush[] {
  if (buffer.some((p) => p.seq === push.seq)) return buffer;
  const next = [...buffer, push];
  next.sort((a, b) => a.seq - b.seq);
  return next;
}

/** Applies what is in order, then asks for a catch-up if a gap (or a stale epoch) remains. */
function settle(id: UUID, conv: ConvStream, effects: StreamEffect[]): ConvStream {
  if (conv.last === null) return conv;
  let last = conv.last;
  let buffer = conv.buffer;
  let i = 0;
  for (; i < buffer.length; i++) {
    const p = buffer[i]!;
    if (p.seq <= last) continue;
    if (p.seq !== last + 1) break;
    effects.push({ type: 'apply', push: p });
    last = p.seq;
  }
  if (i > 0) buffer = buffer.slice(i);
  let next: ConvStream = { ...conv, last, buffer, target: Math.max(conv.target, last) };
  if (!next.fetching && (next.buffer.length > 0 || next.target > last || next.stale)) {
    next = { ...next, fetching: true, requested: next.target };
    effects.push({ type: 'fetch', conversationId: id, afterSeq: last });
  }
  return next;
}

function withConv(state: StreamState, id: UUID, conv: ConvStream): StreamState {
  return { ...state, convs: { ...state.convs, [id]: conv } };
}

function catchUpEverything(state: StreamState, epoch: string, effects: StreamEffect[]): StreamState {
  const convs: Record<UUID, ConvStream> = {};
  for (const [id, conv] of Object.entries(state.convs)) {
    convs[id] = conv.last === null ? conv : settle(id, { ...conv, stale: true }, effects);
  }
  return { epoch, convs };
}

export function reduceStream(state: StreamState, event: StreamEvent): StreamResult {
  const effects: StreamEffect[] = [];
  switch (event.type) {
    case 'hold': {
      const conv = state.convs[event.conversationId] ?? fresh(null);
      const last = conv.last === null ? event.last : Math.max(conv.last, event.last);
      const next = settle(event.conversationId, { ...conv, last }, effects);
      return { state: withConv(state, event.conversationId, next), effects };
    }
    case 'track': {
      if (state.convs[event.conversationId]) return { state, effects };
      return { state: withConv(state, event.conversationId, fresh(null)), effects };
    }
    case 'forget': {
      if (!state.convs[event.conversationId]) return { state, effects };
      const convs = { ...state.convs };
      delete convs[event.conversationId];
      return { state: { ...state, convs }, effects };
    }
    case 'push': {
      const { push } = event;
      const id = push.conversationId;
      let conv = state.convs[id];
      if (!conv) {
        effects.push({ type: 'unknownConversation', conversationId: id });
        conv = fresh(push.seq - 1);
      } else if (conv.last === null) {
        conv = { ...conv, last: push.seq - 1, target: Math.max(conv.target, push.seq - 1) };
      }
      const last = conv.last!;
      if (push.seq <= last || conv.buffer.some((p) => p.seq === push.seq)) {
        return { state: state.convs[id] === conv ? state : withConv(state, id, conv), effects }; // duplicate
      }
      conv = {
        ...conv,
        buffer: insertPush(conv.buffer, push),
        target: Math.max(conv.target, push.seq - 1),
      };
      return { state: withConv(state, id, settle(id, conv, effects)), effects };
    }
    case 'welcome': {
      if (state.epoch === null) return { state: { ...state, epoch: event.epoch }, effects };
      if (state.epoch === event.epoch) return { state, effects };
      return { state: catchUpEverything(state, event.epoch, effects), effects };
    }
    case 'positions': {
      let next = state;
      if (state.epoch !== null && state.epoch !== event.epoch) {
        return { state: catchUpEverything(state, event.epoch, effects), effects };
      }
      if (state.epoch === null) next = { ...state, epoch: event.epoch };
      for (const [id, position] of Object.entries(event.positions)) {
        const conv = next.convs[id];
        if (!conv || conv.last === null || typeof position !== 'number' || position <= conv.last) continue;
        next = withConv(next, id, settle(id, { ...conv, target: Math.max(conv.target, position) }, effects));
      }
      return { state: next, effects };
    }
    case 'caughtUp': {
      const conv = state.convs[event.conversationId];
      if (!conv || !conv.fetching || conv.last === null) return { state, effects };
      let last = conv.last;
      for (const change of [...event.changes].sort((a, b) => a.seq - b.seq)) {
        if (change.seq <= last) continue;
        effects.push({ type: 'apply', push: change });
        last = change.seq;
      }
      let next: ConvStream = { ...conv, last, buffer: conv.buffer.filter((p) => p.seq > last) };
      if (event.hasMore && event.changes.length > 0) {
        next = { ...next, target: Math.max(next.target, last) };
        effects.push({ type: 'fetch', conversationId: event.conversationId, afterSeq: last });
        return { state: withConv(state, event.conversationId, next), effects };
      }
      // REST had nothing more: every change up to what was known when asking is covered.
      next = { ...next, fetching: false, stale: false, last: Math.max(last, conv.requested) };
      return { state: withConv(state, event.conversationId, settle(event.conversationId, next, effects)), effects };
    }
    case 'reset': {
      const conv = state.convs[event.conversationId];
      if (!conv) return { state, effects };
      effects.push({ type: 'reload', conversationId: event.conversationId });
      const next: ConvStream = {
        ...fresh(event.lastSeq),
        target: Math.max(conv.target, event.lastSeq),
        buffer: conv.buffer.filter((p) => p.seq > event.lastSeq),
      };
      return { state: withConv(state, event.conversationId, settle(event.conversationId, next, effects)), effects };
    }
    case 'catchUpFailed': {
      const conv = state.convs[event.conversationId];
      if (!conv) return { state, effects };
      return { state: withConv(state, event.conversationId, { ...conv, fetching: false }), effects };
    }
    case 'retry': {
      const conv = state.convs[event.conversationId];
      if (!conv || conv.fetching) return { state, effects };
      return { state: withConv(state, event.conversationId, settle(event.conversationId, conv, effects)), effects };
    }
  }
}

/** The `resume` payloads: every held conversation's last seq, in chunks of at most `chunk` entries. */
export function resumeChunks(state: StreamState, only?: Iterable<UUID>, chunk = 500): Record<UUID, number>[] {
  const ids = only ? [...only] : Object.keys(state.convs);
  const out: Record<UUID, number>[] = [];
  let current: Record<UUID, number> = {};
  let n = 0;
  for (const id of ids) {
    const last = state.convs[id]?.last;
    if (last === null || last === undefined) continue;
    current[id] = last;
    if (++n === chunk) {
      out.push(current);
      current = {};
      n = 0;
    }
  }
  if (n > 0) out.push(current);
  return out;
}

/** Is this conversation in sync (no catch-up running or pending)? */
export function isSettled(state: StreamState, id: UUID): boolean {
  const c = state.convs[id];
  return !c || (!c.fetching && c.buffer.length === 0 && !c.stale);
}
