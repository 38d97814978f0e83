/** A thread's replies: those loaded over REST merged with those the conversation's window holds (live, newest state). */
import type { Message, UUID } from '../../api/types.ts';
import type { OutboxItem } from '../messages/outbox.ts';

export function threadReplies(parentId: UUID, loaded: readonly Message[], windowMessages: readonly Message[]): Message[] {
  const bySeq = new Map<number, Message>();
  for (const m of loaded) bySeq.set(m.seq, m);
  // the window's copy is the live one (edits, reactions, deletes apply to it)
  for (const m of windowMessages) if (m.replyToId === parentId) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** My replies in this thread still on their way (not confirmed by a stored reply). */
export function pendingReplies(parentId: UUID, pending: readonly OutboxItem[], replies: readonly Message[], me: UUID): OutboxItem[] {
  const confirmed = new Set(replies.filter((r) => r.senderId === me).map((r) => r.clientMessageId));
  return pending.filter((i) => i.replyToId === parentId && !confirmed.has(i.clientMessageId));
}
