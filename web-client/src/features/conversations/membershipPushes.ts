import type { QueryClient } from '@tanstack/react-query';
import type { ConversationChangedFrame, UUID } from '../../api/types.ts';
import { qk } from '../../app/queryKeys.ts';

/**
 * Applies a `conversation.changed` push: what the change touches is fetched again (the push is only a hint; REST
 * has the truth). When the change means the conversation is gone for this user (they left or were removed, or it
 * was deleted), it is dropped from the caches and no longer followed. Invitations concern conversations the user
 * is not in: only their list of invitations is refreshed.
 * @returns true when the conversation is gone for this user
 */
export function applyConversationChanged(
  queryClient: QueryClient,
  me: UUID,
  frame: ConversationChangedFrame,
  forget: (conversationId: UUID) => void,
): boolean {
  const id = frame.conversationId;
  const refresh = (key: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey: key });
  switch (frame.change) {
    case 'invited':
    case 'invitation_closed':
      refresh(qk.invitations);
      return false;
    case 'member_banned':
    case 'member_unbanned':
      // Only the banned user gets these; a member's removal comes as member_left.
      return false;
  }
  const gone = frame.change === 'deleted' || (frame.change === 'member_left' && frame.userId === me);
  if (gone) {
    forget(id);
    queryClient.removeQueries({ queryKey: qk.conversation(id) });
    queryClient.removeQueries({ queryKey: qk.messages(id) });
    queryClient.removeQueries({ queryKey: qk.members(id) });
  } else {
    refresh(qk.conversation(id));
    if (frame.change !== 'updated' && frame.change !== 'preferences_changed') refresh(qk.members(id));
    if (frame.change === 'member_muted' || frame.change === 'member_unmuted') refresh(qk.mutes(id));
    if (frame.change === 'member_joined' && frame.userId === me) refresh(qk.invitations);
  }
  refresh(qk.conversations);
  return gone;
}
