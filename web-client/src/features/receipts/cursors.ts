/**
 * Every member's delivered and read cursors of the conversations the user has open: loaded over REST when one
 * opens (and after a reconnect), then moved by `receipt.moved` pushes. Ticks and "read by" are derived from them,
 * never stored per message (docs/websocket-protocol.md, "Receipts and unread").
 */
import type { CursorList, ReceiptMovedFrame, UUID } from '../../api/types.ts';

export interface Cursor {
  delivered: number;
  read: number;
}

export type Cursors = Record<UUID, Cursor>;

export class CursorStore {
  private byConversation: Record<UUID, Cursors> = {};
  private listeners = new Set<() => void>();

  constructor(private fetch: (conversationId: UUID) => Promise<CursorList>) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  getSnapshot = () => this.byConversation;

  /** (Re)loads a conversation's cursors; pushes that raced the request are kept (each cursor takes the max). */
  async load(conversationId: UUID): Promise<void> {
    const list = await this.fetch(conversationId);
    const next: Cursors = {};
    for (const c of list.items) next[c.userId] = { delivered: c.deliveredSeq, read: c.readSeq };
    const held = this.byConversation[conversationId] ?? {};
    for (const [user, c] of Object.entries(held)) if (next[user]) next[user] = max(next[user], c);
    this.set(conversationId, next);
  }

  /** Only conversations already loaded follow pushes: the others load whole when they open. */
  onReceipt(frame: ReceiptMovedFrame) {
    const held = this.byConversation[frame.conversationId];
    if (!held) return;
    const next = { ...held };
    for (const c of frame.cursors) {
      const was = next[c.userId] ?? { delivered: 0, read: 0 };
      next[c.userId] =
        c.kind === 'READ'
          ? { read: Math.max(was.read, c.seq), delivered: Math.max(was.delivered, c.seq) }
          : { ...was, delivered: Math.max(was.delivered, c.seq) };
    }
    this.set(frame.conversationId, next);
  }

  private set(conversationId: UUID, cursors: Cursors) {
    this.byConversation = { ...this.byConversation, [conversationId]: cursors };
    for (const l of [...this.listeners]) l();
  }
}

function max(a: Cursor, b: Cursor): Cursor {
  return { delivered: Math.max(a.delivered, b.delivered), read: Math.max(a.read, b.read) };
}

export type Tick = 'sent' | 'delivered' | 'read';

/**
 * The state of one's own message of `seq` for the other members: read when all of them read it, delivered when it
 * reached all of them, else sent. A member who joined later counts from the cursor the join gave them.
 */
export function tickOf(seq: number, sender: UUID, cursors: Cursors | undefined, members: UUID[]): Tick {
  const others = members.filter((m) => m !== sender);
  if (!cursors || others.length === 0) return 'sent';
  let read = true;
  let delivered = true;
  for (const m of others) {
    const c = cursors[m];
    if (!c || c.read < seq) read = false;
    if (!c || c.delivered < seq) delivered = false;
  }
  return read ? 'read' : delivered ? 'delivered' : 'sent';
}

/** Who read the message of `seq`, and who has it delivered but not read, its sender aside. */
export function readersOf(seq: number, sender: UUID, cursors: Cursors | undefined): { read: UUID[]; delivered: UUID[] } {
  const read: UUID[] = [];
  const delivered: UUID[] = [];
  for (const [user, c] of Object.entries(cursors ?? {})) {
    if (user === sender) continue;
    if (c.read >= seq) read.push(user);
    else if (c.delivered >= seq) delivered.push(user);
  }
  return { read, delivered };
}
