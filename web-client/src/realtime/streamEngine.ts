/**
 * Runs the pure stream reducer: feeds it socket frames and REST answers, performs its effects (cache
 * writes, catch-up fetches with bounded concurrency and retry), and sends `resume` frames for every
 * conversation held (chunks of <= 500), after each welcome and whenever new conversations are held.
 */
import type { ChangesPage, ServerFrame, StreamPush, UUID, WelcomeFrame } from '../api/types.ts';
import {
  initialStreamState,
  reduceStream,
  resumeChunks,
  type StreamEffect,
  type StreamEvent,
  type StreamState,
} from './streamReducer.ts';

export interface StreamSink {
  applyPush(push: StreamPush): void;
  /** The conversation's cached messages are stale past repair (a reset): load them afresh. */
  reload(conversationId: UUID): void;
  unknownConversation(conversationId: UUID): void;
}

export interface StreamEngineDeps {
  sink: StreamSink;
  /** GET .../changes?after=N&limit=200 */
  fetchAfter: (conversationId: UUID, afterSeq: number) => Promise<ChangesPage>;
  /** Sends a frame on the authenticated socket; false when not connected. */
  sendFrame: (frame: { type: 'resume'; positions: Record<UUID, number> }) => boolean;
  isConnected: () => boolean;
  maxConcurrentFetches?: number;
  log?: (...args: unknown[]) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

const PUSH_TYPES = new Set([
  'message.created',
  'message.edited',
  'message.deleted',
  'reaction.added',
  'reaction.removed',
  'message.pinned',
  'message.unpinned',
]);
const CATCH_UP_PAGE = 200;

export class StreamEngine {
  private state: StreamState = initialStreamState;
  /** Conversations sent in a `resume` on the current socket. */
  private resumed = new Set<UUID>();
  private resumeScheduled = false;
  private queue: { conversationId: UUID; afterSeq: number }[] = [];
  private running = 0;
  private failures = new Map<UUID, number>();
  private unavailableRetries = 0;
  private listeners = new Set<() => void>();
  private disposed = false;

  constructor(private deps: StreamEngineDeps) {}

  get snapshot(): StreamState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispatch(event: StreamEvent): void {
    if (this.disposed) return;
    const { state, effects } = reduceStream(this.state, event);
    this.state = state;
    for (const e of effects) this.run(e);
    if (effects.length) for (const l of [...this.listeners]) l();
  }

  /** Stops following a conversation (the user is no longer in it). */
  forget(conversationId: UUID): void {
    this.dispatch({ type: 'forget', conversationId });
  }

  /** A baseline from REST (a loaded latest page). Safe to repeat; never lowers what was applied. */
  hold(conversationId: UUID, lastSeq: number): void {
    this.dispatch({ type: 'hold', conversationId, last: lastSeq });
    this.scheduleResume();
  }

  /** A baseline from the conversation list's previews: only for conversations not held yet. */
  holdIfNew(conversationId: UUID, lastSeq: number | null): void {
    const conv = this.state.convs[conversationId];
    if (conv && conv.last !== null) return;
    if (lastSeq === null) this.dispatch({ type: 'track', conversationId });
    else this.hold(conversationId, lastSeq);
  }

  lastSeq(conversationId: UUID): number | null {
    return this.state.convs[conversationId]?.last ?? null;
  }

  onWelcome(frame: WelcomeFrame): void {
    this.resumed.clear();
    this.unavailableRetries = 0;
    this.dispatch({ type: 'welcome', epoch: frame.epoch });
    this.sendResume();
  }

  onFrame(frame: ServerFrame): void {
    if (frame.type === 'positions') {
      if (frame.positions && typeof frame.positions === 'object') {
        this.dispatch({ type: 'positions', epoch: frame.epoch, positions: frame.positions });
      }
      return;
    }
    if (frame.type === 'error') {
      this.deps.log?.('socket error frame', frame.code, frame.message);
      if (frame.code === 'unavailable' && this.unavailableRetries < 5) {
        // positions could not be read: resume everything again shortly
        this.unavailableRetries++;
        this.later(() => {
          this.resumed.clear();
          this.sendResume();
        }, 1000 * 2 ** this.unavailableRetries);
      }
      return;
    }
    if (PUSH_TYPES.has(frame.type)) {
      const push = frame as StreamPush;
      if (typeof push.conversationId === 'string' && Number.isInteger(push.seq)) {
        this.dispatch({ type: 'push', push });
      }
    }
  }

  /** Resume the held conversations not yet resumed on this socket (all of them after a welcome). */
  sendResume(): void {
    if (!this.deps.isConnected()) return;
    const pending = Object.keys(this.state.convs).filter((id) => !this.resumed.has(id));
    for (const positions of resumeChunks(this.state, pending)) {
      if (!this.deps.sendFrame({ type: 'resume', positions })) return;
      for (const id of Object.keys(positions)) this.resumed.add(id);
    }
  }

  private scheduleResume() {
    if (this.resumeScheduled) return;
    this.resumeScheduled = true;
    queueMicrotask(() => {
      this.resumeScheduled = false;
      this.sendResume();
    });
  }

  private run(effect: StreamEffect) {
    switch (effect.type) {
      case 'apply':
        this.deps.sink.applyPush(effect.push);
        return;
      case 'reload':
        this.deps.sink.reload(effect.conversationId);
        return;
      case 'unknownConversation':
        this.deps.sink.unknownConversation(effect.conversationId);
        this.scheduleResume();
        return;
      case 'fetch':
        this.queue.push({ conversationId: effect.conversationId, afterSeq: effect.afterSeq });
        this.drainQueue();
        return;
    }
  }

  private drainQueue() {
    const max = this.deps.maxConcurrentFetches ?? 4;
    while (this.running < max && this.queue.length) {
      const job = this.queue.shift()!;
      this.running++;
      this.deps
        .fetchAfter(job.conversationId, job.afterSeq)
        .then(
          (page) => {
            this.failures.delete(job.conversationId);
            if (page.reset) {
              this.dispatch({ type: 'reset', conversationId: job.conversationId, lastSeq: page.lastSeq });
              return;
            }
            this.dispatch({
              type: 'caughtUp',
              conversationId: job.conversationId,
              afterSeq: job.afterSeq,
              changes: page.changes,
              hasMore: page.hasMore,
            });
          },
          (err: unknown) => {
            const status = (err as { status?: number }).status;
            this.dispatch({ type: 'catchUpFailed', conversationId: job.conversationId });
            if (status === 404 || status === 403) {
              // no longer a member: stop following it
              this.dispatch({ type: 'forget', conversationId: job.conversationId });
              this.deps.sink.unknownConversation(job.conversationId);
              return;
            }
            const n = (this.failures.get(job.conversationId) ?? 0) + 1;
            this.failures.set(job.conversationId, n);
            this.later(
              () => this.dispatch({ type: 'retry', conversationId: job.conversationId }),
              Math.min(30_000, 1000 * 2 ** Math.min(n, 5)) * (0.5 + Math.random() / 2),
            );
          },
        )
        .finally(() => {
          this.running--;
          this.drainQueue();
        });
    }
  }

  private later(fn: () => void, ms: number) {
    const set = this.deps.setTimeout ?? ((f, t) => globalThis.setTimeout(f, t));
    set(() => {
      if (!this.disposed) fn();
    }, ms);
  }

  dispose() {
    this.disposed = true;
    this.listeners.clear();
    this.queue = [];
  }
}

export { CATCH_UP_PAGE };
