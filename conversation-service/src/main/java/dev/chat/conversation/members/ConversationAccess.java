package dev.chat.conversation.members;

import dev.chat.conversation.permission.Role;
import dev.chat.conversation.web.Caller;
import dev.chat.events.ConversationCreated;
import dev.chat.web.problem.ApiProblem;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who the caller is in a conversation: 404 for outsiders (as for a conversation that does not exist), 409 for
 * membership changes to a direct conversation, optionally under the conversation's row lock (take it first in every
 * change, so the role read next is fresh). {@link #roleOfCaller} is public for the features outside this package
 * (editing a conversation's details).
 */
@Component
public class ConversationAccess {

    static final String DIRECT_REFUSAL = "direct conversations always have exactly their two members";

    private final MemberRepository members;

    ConversationAccess(MemberRepository members) {
        this.members = members;
    }

    /** As {@link #roleOfCaller}, and 409 for a direct conversation: no moderation, no membership changes. */
    Role moderatedRoleOfCaller(UUID conversationId, Caller caller, boolean lock) {
        Access access = access(conversationId, caller, lock);
        if (ConversationCreated.DIRECT.equals(access.type())) {
            throw ApiProblem.conflict(DIRECT_REFUSAL);
        }
        return access.role();
    }

    /**
     * The caller's role, after locking the conversation's row until the transaction ends when {@code lock}.
     *
     * @throws ApiProblem 404, the same for a conversation that does not exist and one the caller is not in
     */
    public Role roleOfCaller(UUID conversationId, Caller caller, boolean lock) {
        return access(conversationId, caller, lock).role();
    }

    /** @throws ApiProblem 404 when {@code userId} is not a member */
    Role roleOfMember(UUID conversationId, UUID userId) {
        return members.roleOf(conversationId, userId)
                .orElseThrow(() -> ApiProblem.notFound("user " + userId + " is not a member of this conversation"));
    }

    private record Access(String type, Role role) {
    }

    /**
     * The conversation's type and the caller's role in it, taking the conversation's lock first when {@code lock}.
     *
     * @throws ApiProblem 404, the same for a conversation that does not exist and one the caller is not in
     */
    private Access access(UUID conversationId, Caller caller, boolean lock) {
        Optional<String> type = lock ? members.lockConversation(conversationId) : members.typeOf(conversationId);
        Optional<Role> role = type.isPresent() ? members.roleOf(conversationId, caller.userId()) : Optional.empty();
        if (role.isEmpty()) {
            throw ApiProblem.notFound("conversation " + conversationId + " not found");
        }
        return new Access(type.get(), role.get());
    }
}
