/**
 * The caller's read state per conversation, kept by the server (message-service's receipts): the effective read
 * cursor (the read cursor, or just before a "mark unread"), the server's unread count, and the delivered cursor.
 * Reads are sent at once (one request in flight per conversation, the latest seq queued behind it); deliveries are
 * batched per second. The user's other devices follow through `receipt.moved` pushes of their own READ cursor.
 */
import type { Message, ReceiptMovedFrame, ReceiptMoveRequest, UnreadList, UnreadState, UUID } from '../../api/types.ts';
import type { MessageWindow } from '../messages/window.ts';

export interface ReadApi {
  move(conversationId: UUID, move: ReceiptMoveRequest): Promise<UnreadState>;
  markUnread(conversationId: UUID, messageId: UUID): Promise<UnreadState>;
  unread(): Promise<UnreadList>;
  receipt(conversationId: UUID): Promise<UnreadState>;
}

const DELIVERY_BATCH_MS = 1000;

export class ReadStore {
  private read: Record<UUID, number> = {};
  private marked: Record<UUID, number> = {};
  private counts: Record<UUID, number> = {};
  private firsts: Record<UUID, number | null> = {};
  private mentions: Record<UUID, number> = {};
  private known = new Set<UUID>();
  private snapshot: Record<UUID, number> = {};
  private listeners = new Set<() => void>();
  private inFlight = new Set<UUID>();
  private queuedRead: Record<UUID, number> = {};
  private sentRead: Record<UUID, number> = {};
  private deliveries: Record<UUID, number> = {};
  private sentDelivered: Record<UUID, number> = {};
  private deliveryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private api: ReadApi) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  /** The effective read cursor of each conversation. */
  getSnapshot = () => this.snapshot;

  /** Everything up to this seq counts as read here. */
  lastRead(id: UUID): number {
    return this.snapshot[id] ?? 0;
  }

  /** The server's count of unread messages when last asked (a floor for a count the loaded messages cannot reach). */
  serverCount(id: UUID): number {
    return this.counts[id] ?? 0;
  }

  /** How many unread messages mentioned the user when last asked (a floor, as serverCount). */
  serverMentions(id: UUID): number {
    return this.mentions[id] ?? 0;
  }

  /** The first unread message when last asked (where "jump to first unread" goes), null when none. */
  firstUnread(id: UUID): number | null {
    return this.firsts[id] ?? null;
  }

  isKnown(id: UUID): boolean {
    return this.known.has(id);
  }

  isMarkedUnread(id: UUID): boolean {
    return this.marked[id] !== undefined;
  }

  /** Takes a state the server answered. */
  apply(state: UnreadState) {
    const id = state.conversationId;
    this.read[id] = Math.max(this.read[id] ?? 0, state.readSeq);
    if (state.unreadFromSeq !== null && state.unreadFromSeq > (this.sentRead[id] ?? 0)) this.marked[id] = state.unreadFromSeq;
    else delete this.marked[id];
    this.counts[id] = state.unreadCount;
    this.firsts[id] = state.firstUnreadSeq;
    this.mentions[id] = state.mentionCount ?? 0;
    this.known.add(id);
    this.emit();
  }

  /**
   * The server's unread states of every conversation; the listed conversations without one have nothing unread, so
   * their cursor is at least their latest message.
   */
  async load(ids: UUID[], latestSeq: (id: UUID) => number | undefined): Promise<void> {
    const res = await this.api.unread();
    const listed = new Set<UUID>();
    for (const state of res.items) {
      listed.add(state.conversationId);
      this.applyQuietly(state);
      const latest = latestSeq(state.conversationId);
      if (latest !== undefined && latest > state.deliveredSeq) this.markDelivered(state.conversationId, latest);
    }
    for (const id of ids) {
      if (listed.has(id)) continue;
      this.read[id] = Math.max(this.read[id] ?? 0, latestSeq(id) ?? 0);
      delete this.marked[id];
      this.counts[id] = 0;
      this.mentions[id] = 0;
      this.known.add(id);
    }
    this.emit();
  }

  /** The state of one conversation, from the server, when nothing is known of it yet. */
  async ensure(id: UUID): Promise<void> {
    if (this.known.has(id)) return;
    this.apply(await this.api.receipt(id));
  }

  /** Everything up to `seq` was seen: the cursor moves (and a "mark unread" at or before it ends). */
  markRead(id: UUID, seq: number) {
    const marked = this.marked[id];
    if (seq <= (this.read[id] ?? 0) && (marked === undefined || seq < marked)) return;
    this.read[id] = Math.max(this.read[id] ?? 0, seq);
    if (marked !== undefined && seq >= marked) delete this.marked[id];
    this.counts[id] = 0;
    this.mentions[id] = 0;
    this.emit();
    this.queuedRead[id] = Math.max(this.queuedRead[id] ?? 0, seq);
    this.flushRead(id);
  }

  /** Shows the conversation unread again from this message (for this user only). */
  async markUnread(id: UUID, messageId: UUID): Promise<void> {
    const state = await this.api.markUnread(id, messageId);
    this.sentRead[id] = Math.min(this.sentRead[id] ?? 0, (state.unreadFromSeq ?? 1) - 1);
    this.apply(state);
  }

  /** Pushes of these seqs reached this device: the delivered cursor follows, once a second at most. */
  markDelivered(id: UUID, seq: number) {
    if (seq <= Math.max(this.sentDelivered[id] ?? 0, this.deliveries[id] ?? 0)) return;
    this.deliveries[id] = seq;
    this.deliveryTimer ??= setTimeout(() => this.flushDeliveries(), DELIVERY_BATCH_MS);
  }

  /** Another device of this user read (their own READ cursors come back as pushes). */
  onReceipt(frame: ReceiptMovedFrame, me: UUID) {
    let changed = false;
    for (const c of frame.cursors) {
      if (c.userId !== me || c.kind !== 'READ') continue;
      const id = frame.conversationId;
      if (c.seq > (this.read[id] ?? 0)) {
        this.read[id] = c.seq;
        this.counts[id] = 0;
        changed = true;
      }
      const marked = this.marked[id];
      if (marked !== undefined && c.seq >= marked && c.seq > (this.sentRead[id] ?? 0)) {
        delete this.marked[id];
        changed = true;
      }
    }
    if (changed) this.emit();
  }

  dispose() {
    if (this.deliveryTimer) clearTimeout(this.deliveryTimer);
    this.deliveryTimer = null;
  }

  private applyQuietly(state: UnreadState) {
    const id = state.conversationId;
    this.read[id] = Math.max(this.read[id] ?? 0, state.readSeq);
    if (state.unreadFromSeq !== null) this.marked[id] = state.unreadFromSeq;
    else delete this.marked[id];
    this.counts[id] = state.unreadCount;
    this.firsts[id] = state.firstUnreadSeq;
    this.mentions[id] = state.mentionCount ?? 0;
    this.known.add(id);
  }

  private flushRead(id: UUID) {
    if (this.inFlight.has(id)) return;
    const seq = this.queuedRead[id];
    if (seq === undefined) return;
    delete this.queuedRead[id];
    this.inFlight.add(id);
    this.sentRead[id] = Math.max(this.sentRead[id] ?? 0, seq);
    this.api
      .move(id, { readSeq: seq })
      .then((state) => {
        // a later mark or read may be on its way: only the cursor and the count are taken from this answer
        this.read[id] = Math.max(this.read[id] ?? 0, state.readSeq);
        this.known.add(id);
        this.emit();
      })
      .catch(() => {
        // not a member any more, or offline: the next read or the next load sets it right
      })
      .finally(() => {
        this.inFlight.delete(id);
        this.flushRead(id);
      });
  }

  private flushDeliveries() {
    this.deliveryTimer = null;
    const batch = this.deliveries;
    this.deliveries = {};
    for (const [id, seq] of Object.entries(batch)) {
      if (seq <= (this.sentDelivered[id] ?? 0)) continue;
      this.sentDelivered[id] = seq;
      this.api.move(id, { deliveredSeq: seq }).catch(() => {
        // a hint for the sender's ticks: the next one carries it
      });
    }
  }

  private emit() {
    const next: Record<UUID, number> = {};
    for (const id of this.known) {
      const read = this.read[id] ?? 0;
      const marked = this.marked[id];
      next[id] = marked === undefined ? read : Math.min(read, marked - 1);
    }
    this.snapshot = next;
    for (const l of [...this.listeners]) l();
  }
}

/**
 * Unread messages from others after `lastRead`. `more` when the loaded messages may not reach back to
 * `lastRead` (the count is then a lower bound).
 */
export function countUnread(
  w: MessageWindow | undefined,
  latest: Message | undefined,
  lastRead: number,
  me: UUID,
): { count: number; more: boolean; mentions: number } {
  const msgs = w?.messages ?? [];
  let count = 0;
  let mentions = 0;
  let i = msgs.length - 1;
  for (; i >= 0; i--) {
    const m = msgs[i]!;
    if (m.seq <= lastRead) break;
    if (m.senderId !== me && !m.deletedAt) {
      count++;
      if (m.mentions?.includes(me)) mentions++;
    }
  }
  let more = i < 0 && msgs.length > 0 && (w?.hasOlder ?? false) && msgs[0]!.seq > lastRead + 1;
  if (latest && latest.seq > lastRead && latest.senderId !== me && !msgs.some((m) => m.seq === latest.seq)) {
    count++;
    if (latest.mentions?.includes(me)) mentions++;
    more = more || latest.seq > lastRead + 1;
  }
  return { count, more, mentions };
}
