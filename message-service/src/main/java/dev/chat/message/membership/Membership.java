package dev.chat.message.membership;

import dev.chat.message.web.Caller;
import dev.chat.message.web.NotFoundException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who may send to and read a conversation. The local projection answers almost always; a miss (a
 * conversation created milliseconds ago, its events still on the way) is settled by conversation-service.
 * Nothing is cached from that answer, and the projection is not written from it: a member removed a moment
 * later must lose access as soon as the MemberLeft event lands.
 */
@Component
public class Membership {

    private final MembershipRepository members;
    private final ConversationServiceClient conversationService;

    Membership(MembershipRepository members, ConversationServiceClient conversationService) {
        this.members = members;
        this.conversationService = conversationService;
    }

    /** @throws NotFoundException when the caller is not a member (or the conversation does not exist) */
    public void require(UUID conversationId, Caller caller) {
        if (!members.isMember(conversationId, caller.userId())) {
            confirmWithConversationService(conversationId, caller);
        }
    }

    /**
     * For a caller the projection does not list: asks conversation-service.
     *
     * @throws NotFoundException when it says "not a member"
     * @throws dev.chat.message.web.UpstreamUnavailableException when it cannot answer
     */
    public void confirmWithConversationService(UUID conversationId, Caller caller) {
        if (!conversationService.isMember(conversationId, caller.bearerToken())) {
            throw notFound(conversationId);
        }
    }

    public static NotFoundException notFound(UUID conversationId) {
        return new NotFoundException("conversation " + conversationId + " not found");
    }
}
