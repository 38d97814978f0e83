import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types.ts';
import { pendingReplies, threadReplies } from './thread.ts';

const msg = (seq: number, over: Partial<Message> = {}): Message => ({
  id: `m${seq}`, conversationId: 'c', seq, senderId: 'u', clientMessageId: `c${seq}`, body: `b${seq}`, replyToId: 'p',
  createdAt: new Date(seq * 1000).toISOString(), ...over,
});

describe('thread replies', () => {
  it('merges loaded and live replies by seq, the live copy winning, in order, other threads left out', () => {
    const loaded = [msg(3), msg(5)];
    const live = [msg(5, { body: 'edited' }), msg(7), msg(8, { replyToId: 'other' }), msg(9, { replyToId: null })];
    expect(threadReplies('p', loaded, live).map((m) => [m.seq, m.body])).toEqual([[3, 'b3'], [5, 'edited'], [7, 'b7']]);
  });

  it('shows my pending replies of this thread until a stored reply confirms them', () => {
    const item = (id: string, replyToId: string | null) =>
      ({ clientMessageId: id, conversationId: 'c', body: id, replyToId, createdAt: '', status: 'queued', attempts: 0 }) as const;
    const replies = [msg(3, { senderId: 'me', clientMessageId: 'done' })];
    expect(pendingReplies('p', [item('done', 'p'), item('new', 'p'), item('main', null)], replies, 'me').map((i) => i.clientMessageId))
      .toEqual(['new']);
  });
});
