/** Builds the rows of the message list: day separators, and sender grouping (header once per run). */
import type { Message } from '../../api/types.ts';
import { dayKey } from '../../ui/format.ts';
import type { OutboxItem } from './outbox.ts';

/** Messages of one sender closer than this stay in one group (no repeated name/avatar). */
export const GROUP_GAP_MS = 5 * 60_000;

export type Row =
  | { kind: 'day'; key: string; date: string }
  | { kind: 'unread'; key: string }
  | {
      kind: 'message';
      key: string;
      message: Message;
      /** First of a run: show the sender's name and avatar. */
      head: boolean;
      /** Last of a run. */
      tail: boolean;
      mine: boolean;
    }
  | { kind: 'pending'; key: string; item: OutboxItem; head: boolean; tail: boolean };

interface Entry {
  senderId: string;
  at: number;
  day: string;
  iso: string;
}

export function buildRows(
  messages: readonly Message[],
  pending: readonly OutboxItem[],
  me: string,
  unreadAfterSeq: number | null = null,
): Row[] {
  const rows: Row[] = [];
  let prev: Entry | null = null;
  let unreadPlaced = unreadAfterSeq === null;
  const entries: { entry: Entry; make: (head: boolean) => Row }[] = [];
  // Thread replies live in the thread panel; the main list shows their parent with its reply count.
  messages = messages.filter((m) => !m.replyToId);
  pending = pending.filter((i) => !i.replyToId);
  for (const m of messages) {
    const at = Date.parse(m.createdAt);
    entries.push({
      entry: { senderId: m.senderId, at, day: dayKey(new Date(at)), iso: m.createdAt },
      make: (head) => ({ kind: 'message', key: `m:${m.clientMessageId || m.id}:${m.senderId}`, message: m, head, tail: true, mine: m.senderId === me }),
    });
  }
  for (const item of pending) {
    const at = Date.parse(item.createdAt);
    entries.push({
      entry: { senderId: me, at, day: dayKey(new Date(at)), iso: item.createdAt },
      make: (head) => ({ kind: 'pending', key: `m:${item.clientMessageId}:${me}`, item, head, tail: true }),
    });
  }
  const dayKeys = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const { entry, make } = entries[i]!;
    if (!prev || prev.day !== entry.day) {
      let key = `d:${entry.day}`;
      while (dayKeys.has(key)) key += '+';
      dayKeys.add(key);
      rows.push({ kind: 'day', key, date: entry.iso });
    }
    const msg = i < messages.length ? messages[i]! : null;
    if (!unreadPlaced && msg && unreadAfterSeq !== null && msg.seq > unreadAfterSeq && msg.senderId !== me) {
      rows.push({ kind: 'unread', key: 'unread' });
      unreadPlaced = true;
    }
    const head =
      !prev || prev.senderId !== entry.senderId || prev.day !== entry.day || entry.at - prev.at > GROUP_GAP_MS ||
      rows[rows.length - 1]?.kind !== 'message' && rows[rows.length - 1]?.kind !== 'pending';
    if (!head) {
      const last = rows[rows.length - 1];
      if (last && (last.kind === 'message' || last.kind === 'pending')) last.tail = false;
    }
    rows.push(make(head));
    prev = entry;
  }
  return rows;
}
