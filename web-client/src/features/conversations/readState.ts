/**
 * "Last read seq" per conversation, kept in localStorage until the server keeps read cursors.
 * Only moves forward; other tabs follow through `storage` events.
 */
import type { Message, UUID } from '../../api/types.ts';
import type { MessageWindow } from '../messages/window.ts';

export class ReadStore {
  private map: Record<UUID, number>;
  private listeners = new Set<() => void>();

  constructor(
    private storage: Pick<Storage, 'getItem' | 'setItem'>,
    private key: string,
  ) {
    this.map = this.load();
  }

  private load(): Record<UUID, number> {
    try {
      const v: unknown = JSON.parse(this.storage.getItem(this.key) ?? '{}');
      return v && typeof v === 'object' ? (v as Record<UUID, number>) : {};
    } catch {
      return {};
    }
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  getSnapshot = () => this.map;

  lastRead(id: UUID): number {
    return this.map[id] ?? 0;
  }

  markRead(id: UUID, seq: number) {
    if (seq <= (this.map[id] ?? 0)) return;
    this.map = { ...this.map, [id]: seq };
    try {
      this.storage.setItem(this.key, JSON.stringify(this.map));
    } catch {
      // full: in memory only
    }
    this.emit();
  }

  onStorage(e: { key: string | null }) {
    if (e.key !== this.key && e.key !== null) return;
    const other = this.load();
    let changed = false;
    const merged = { ...this.map };
    for (const [id, seq] of Object.entries(other)) {
      if (seq > (merged[id] ?? 0)) {
        merged[id] = seq;
        changed = true;
      }
    }
    if (changed) {
      this.map = merged;
      this.emit();
    }
  }

  private emit() {
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
): { count: number; more: boolean } {
  const msgs = w?.messages ?? [];
  let count = 0;
  let i = msgs.length - 1;
  for (; i >= 0; i--) {
    const m = msgs[i]!;
    if (m.seq <= lastRead) break;
    if (m.senderId !== me && !m.deletedAt) count++;
  }
  let more = i < 0 && msgs.length > 0 && (w?.hasOlder ?? false) && msgs[0]!.seq > lastRead + 1;
  if (latest && latest.seq > lastRead && latest.senderId !== me && !msgs.some((m) => m.seq === latest.seq)) {
    count++;
    more = more || latest.seq > lastRead + 1;
  }
  return { count, more };
}
