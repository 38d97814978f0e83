package dev.chat.conversation.invitations;

import dev.chat.conversation.members.MembersAdmitted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A user who becomes a member by any path (added, a link, the public directory) has no use for a pending invitation
 * to that conversation any more: it is settled as ACCEPTED in the same transaction. Otherwise a member kicked later
 * could come back by accepting an invitation older than the kick.
 */
@Component
class InvitationsOnJoin {

    private final InvitationRepository invitations;

    InvitationsOnJoin(InvitationRepository invitations) {
        this.invitations = invitations;
    }

    @EventListener
    void on(MembersAdmitted admitted) {
        invitations.closePendingOf(admitted.conversationId(), admitted.userIds(), admitted.at());
    }
}
