/** The send queue's state (persisted per user in localStorage) and the loop that sends it, in order. */
import { ApiError, humanMessage, isApiError } from '../../api/http.ts';
import type { Attachment, Message, UUID } from '../../api/types.ts';
import * as q from './outbox.ts';

const MAX_AUTO_ATTEMPTS = 3;
/**
 * Waits before sending again when the message service has not yet heard that an upload completed (it learns by
 * an event, milliseconds after): about 5 s in all, then the item fails with a Retry button.
 */
export const MEDIA_NOT_READY_BACKOFF_MS = [200, 400, 800, 1600, 2000] as const;

/** 409 media-not-ready: an attachment's completion has not reached the message service yet. */
export function isMediaNotReady(err: unknown): boolean {
  return isApiError(err) && err.status === 409 && typeof err.problem.type === 'string' && err.problem.type.endsWith('media-not-ready');
}

export interface OutboxDeps {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  key: string;
  send: (item: q.OutboxItem) => Promise<Message>;
  onSent: (message: Message) => void;
  isOnline: () => boolean;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export class OutboxStore {
  private items: q.Outbox;
  private listeners = new Set<() => void>();
  private pausedUntil = 0;
  private wake: unknown = null;
  private disposed = false;
  /** media-not-ready answers per item so far (apart from `attempts`, which bounds throttling retries). */
  private notReadyTries = new Map<string, number>();

  constructor(private deps: OutboxDeps) {
    this.items = q.restore(this.load());
  }

  private load(): q.Outbox {
    try {
      const raw = this.deps.storage.getItem(this.deps.key);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as q.OutboxItem[]) : [];
    } catch {
      return [];
    }
  }

  private set(next: q.Outbox) {
    if (next === this.items) return;
    this.items = next;
    try {
      if (next.length) this.deps.storage.setItem(this.deps.key, JSON.stringify(next));
      else this.deps.storage.removeItem(this.deps.key);
    } catch {
      // storage full: the queue still lives in memory
    }
    for (const l of [...this.listeners]) l();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): q.Outbox => this.items;

  /** Queues a new message and starts sending. Returns its clientMessageId. */
  add(conversationId: UUID, body: string, replyToId: UUID | null = null, attachments: Attachment[] = []): string {
    const clientMessageId = q.newClientMessageId();
    const now = this.deps.now?.() ?? Date.now();
    this.set(
      q.enqueue(this.items, {
        clientMessageId,
        conversationId,
        body,
        replyToId,
        ...(attachments.length ? { attachments } : {}),
        createdAt: new Date(now).toISOString(),
      }),
    );
    this.pump();
    return clientMessageId;
  }

  retry(clientMessageId: string) {
    this.notReadyTries.delete(clientMessageId);
    this.set(q.retry(this.items, clientMessageId));
    this.pump();
  }

  discard(clientMessageId: string) {
    this.set(q.discard(this.items, clientMessageId));
  }

  /** The server has it (a push of my message with this id, or a catch-up). */
  confirm(clientMessageId: string) {
    this.set(q.confirm(this.items, clientMessageId));
  }

  /** Sends the next queued item, then the next... one at a time, in order. */
  pump = () => {
    if (this.disposed || !this.deps.isOnline()) return;
    const now = this.deps.now?.() ?? Date.now();
    if (now < this.pausedUntil) {
      this.schedule(this.pausedUntil - now);
      return;
    }
    const item = q.nextToSend(this.items);
    if (!item) return;
    this.set(q.markSending(this.items, item.clientMessageId));
    this.deps.send(item).then(
      (message) => {
        this.notReadyTries.delete(item.clientMessageId);
        this.set(q.confirm(this.items, item.clientMessageId));
        this.deps.onSent(message);
        this.pump();
      },
      (err: unknown) => {
        this.onError(item, err);
        this.pump();
      },
    );
  };

  private onError(item: q.OutboxItem, err: unknown) {
    const id = item.clientMessageId;
    if (!this.items.some((i) => i.clientMessageId === id)) return; // confirmed meanwhile (a push)
    if (isApiError(err) && err.kind === 'network' && !this.deps.isOnline()) {
      this.set(q.markQueued(this.items, id)); // goes out when the browser is back online
      return;
    }
    const attempts = (this.items.find((i) => i.clientMessageId === id)?.attempts ?? 1);
    if (isApiError(err) && (err.status === 429 || err.status === 503) && attempts < MAX_AUTO_ATTEMPTS) {
      const wait = Math.min(30, Math.max(1, err.retryAfter ?? attempts * 2)) * 1000;
      this.pausedUntil = (this.deps.now?.() ?? Date.now()) + wait;
      this.set(q.markQueued(this.items, id));
      return;
    }
    if (isMediaNotReady(err)) {
      const notReady = (this.notReadyTries.get(id) ?? 0) + 1;
      const wait = MEDIA_NOT_READY_BACKOFF_MS[notReady - 1];
      if (wait !== undefined) {
        this.notReadyTries.set(id, notReady);
        this.pausedUntil = (this.deps.now?.() ?? Date.now()) + wait;
        this.set(q.markQueued(this.items, id)); // the same clientMessageId: a send that did land is not doubled
        return;
      }
    }
    this.notReadyTries.delete(id);
    this.set(q.markFailed(this.items, id, failureText(err)));
  }

  private schedule(ms: number) {
    if (this.wake != null) return;
    const set = this.deps.setTimeout ?? ((fn, t) => globalThis.setTimeout(fn, t));
    this.wake = set(() => {
      this.wake = null;
      this.pump();
    }, ms);
  }

  dispose() {
    this.disposed = true;
    this.listeners.clear();
  }
}

function failureText(err: unknown): string {
  if (err instanceof ApiError && err.kind === 'network') return 'Not sent: no connection.';
  return `Not sent: ${humanMessage(err)}`;
}
