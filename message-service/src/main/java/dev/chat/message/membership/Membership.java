package dev.chat.message.membership;

import dev.chat.web.problem.ApiProblem;
import dev.chat.message.web.Caller;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who may read a conversation, and with which role (the send path reads the posting rules itself, in the
 * statement that takes the seq). The local projection answers almost always; a miss (a conversation created
 * milliseconds ago, its events still on the way) is settled by conversation-service.
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

    /** @throws ApiProblem (404) when the caller is not a member (or the conversation does not exist) */
    public void require(UUID conversationId, Caller caller) {
        if (!members.isMember(conversationId, caller.userId())) {
            confirmWithConversationService(conversationId, caller);
        }
    }

    /** Whether the caller is a member: the projection, else conversation-service (503 when it cannot answer). */
    public boolean isMember(UUID conversationId, Caller caller) {
        return members.isMember(conversationId, caller.userId())
                || conversationService.isMember(conversationId, caller.bearerToken());
    }

    /**
     * For a caller the projection does not list: asks conversation-service.
     *
     * @throws ApiProblem (404) when it says "not a member"
     * @throws ApiProblem (503) when it cannot answer
     */
    public void confirmWithConversationService(UUID conversationId, Caller caller) {
        if (!conversationService.isMember(conversationId, caller.bearerToken())) {
            throw notFound(conversationId);
        }
    }

    /**
     * The member's role from the projection alone, for actions reserved to the owner and admins (pin, delete
     * others' messages): empty when the projection does not list them, which such an action treats as "not
     * allowed" (no remote fallback: a member who joined milliseconds ago is not yet anyone's moderator).
     */
    public Optional<ConversationRole> roleOf(UUID conversationId, UUID userId) {
        return members.roleOf(conversationId, userId);
    }

    public static ApiProblem notFound(UUID conversationId) {
        return ApiProblem.notFound("conversation " + conversationId + " not found");
    }
}
