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

describe('conversation.changed pushes of channels and invitations', () => {
  it('an invitation refreshes only the invitations, never the conversation the user is not in', () => {
    const { queryClient, forget } = setup();
    queryClient.setQueryData(qk.invitations, { invitations: [] });

    expect(applyConversationChanged(queryClient, me, frame('invited', me), forget)).toBe(false);

    expect(queryClient.getQueryState(qk.invitations)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(qk.conversations)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(qk.conversation(conv))?.isInvalidated).toBe(false);
  });

  it('a mute refreshes the members and the mutes; details changes refresh the conversation', () => {
    const { queryClient, forget } = setup();
    queryClient.setQueryData(qk.members(conv), []);
    queryClient.setQueryData(qk.mutes(conv), { items: [] });

    applyConversationChanged(queryClient, me, frame('member_muted', 'someone'), forget);
    expect(queryClient.getQueryState(qk.members(conv))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(qk.mutes(conv))?.isInvalidated).toBe(true);

    const other = setup();
    other.queryClient.setQueryData(qk.members(conv), []);
    applyConversationChanged(other.queryClient, me, frame('updated', 'someone'), other.forget);
    expect(other.queryClient.getQueryState(qk.conversation(conv))?.isInvalidated).toBe(true);
    expect(other.queryClient.getQueryState(qk.members(conv))?.isInvalidated).toBe(false);
  });

  it('being banned is not a removal by itself (member_left says that)', () => {
    const { queryClient, forget } = setup();

    expect(applyConversationChanged(queryClient, me, frame('member_banned', me), forget)).toBe(false);
    expect(forget).not.toHaveBeenCalled();
    expect(queryClient.getQueryData(qk.conversation(conv))).toBeDefined();
  });
});
