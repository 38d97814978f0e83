import type { QueryClient } from '@tanstack/react-query';
import type { ConversationChangedFrame, UUID } from '../../api/types.ts';
import { qk } from '../../app/queryKeys.ts';

/**
 * Applies a `conversation.changed` push: the conversation list and the conversation are fetched again (the
 * push is only a hint; REST has the truth). When the change means the conversation is gone for this user (they
 * left or were removed, or it was deleted), it is dropped from the caches and no longer followed.
 * @returns true when the conversation is gone for this user
 */
export function applyConversationChanged(
  queryClient: QueryClient,
  me: UUID,
  frame: ConversationChangedFrame,
  forget: (conversationId: UUID) => void,
): boolean {
  const id = frame.conversationId;
  const gone = frame.change === 'deleted' || (frame.change === 'member_left' && frame.userId === me);
  if (gone) {
    forget(id);
    queryClient.removeQueries({ queryKey: qk.conversation(id) });
    queryClient.removeQueries({ queryKey: qk.messages(id) });
    queryClient.removeQueries({ queryKey: qk.members(id) });
  } else {
    void queryClient.invalidateQueries({ queryKey: qk.conversation(id) });
    void queryClient.invalidateQueries({ queryKey: qk.members(id) });
  }
  void queryClient.invalidateQueries({ queryKey: qk.conversations });
  return gone;
}
