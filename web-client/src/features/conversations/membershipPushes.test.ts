import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationChangedFrame } from '../../api/types.ts';
import { qk } from '../../app/queryKeys.ts';
import { applyConversationChanged } from './membershipPushes.ts';

const me = 'me-0000';
const conv = 'conv-1111';

function setup() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(qk.conversations, { items: [] });
  queryClient.setQueryData(qk.conversation(conv), { id: conv });
  queryClient.setQueryData(qk.messages(conv), { items: [] });
  const forget = vi.fn();
  return { queryClient, forget };
}

const frame = (change: string, userId: string | null): ConversationChangedFrame => ({
  type: 'conversation.changed',
  conversationId: conv,
  change,
  userId,
});

describe('conversation.changed pushes', () => {
  it('a change of others refreshes the list and the conversation and keeps following it', () => {
    const { queryClient, forget } = setup();

    const gone = applyConversationChanged(queryClient, me, frame('member_joined', 'someone'), forget);

    expect(gone).toBe(false);
    expect(forget).not.toHaveBeenCalled();
    expect(queryClient.getQueryState(qk.conversations)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(qk.conversation(conv))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryData(qk.messages(conv))).toBeDefined();
  });

  it.each([
    ['member_left', me],
    ['deleted', null],
  ])('%s about me drops the conversation and stops following it', (change, userId) => {
    const { queryClient, forget } = setup();

    const gone = applyConversationChanged(queryClient, me, frame(change, userId), forget);

    expect(gone).toBe(true);
    expect(forget).toHaveBeenCalledWith(conv);
    expect(queryClient.getQueryData(qk.conversation(conv))).toBeUndefined();
    expect(queryClient.getQueryData(qk.messages(conv))).toBeUndefined();
    expect(queryClient.getQueryState(qk.conversations)?.isInvalidated).toBe(true);
  });

  it('someone else leaving is not me leaving', () => {
    const { queryClient, forget } = setup();

    expect(applyConversationChanged(queryClient, me, frame('member_left', 'someone'), forget)).toBe(false);
    expect(forget).not.toHaveBeenCalled();
  });
});
