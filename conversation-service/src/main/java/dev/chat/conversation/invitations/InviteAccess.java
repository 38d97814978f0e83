package dev.chat.conversation.invitations;

import dev.chat.conversation.members.Admission;
import dev.chat.conversation.permission.Action;
import dev.chat.conversation.permission.Permissions;
import dev.chat.conversation.permission.Role;
import dev.chat.conversation.web.Caller;
import dev.chat.events.ConversationCreated;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who may manage the invitations and invite links of a conversation, and the reads of its members and bans the
 * invitations need (through {@link Admission}, where the members feature keeps their rules): 404 for an outsider (as for a conversation that does not exist), 409 for a direct conversation,
 * 403 without CREATE_INVITE. Changes take the conversation's row lock through {@link Admission#lock} first, so the
 * role read next is fresh and every join, kick and ban of the conversation is serialised with them.
 */
@Component
class InviteAccess {

    /** The same words as the members endpoints: a DM never gains a member, by invitation or otherwise. */
    static final String DIRECT_REFUSAL = "direct conversations always have exactly their two members";

    private final Admission admission;

    InviteAccess(Admission admission) {
        this.admission = admission;
    }

    /**
     * Requires the caller to hold CREATE_INVITE in a group or channel, taking the conversation's lock first when
     * {@code lock} (every change does; reads and the early refusal before a remote call do not).
     */
    void requireInviter(UUID conversationId, Caller caller, boolean lock) {
        Optional<String> type = lock ? admission.lock(conversationId) : typeOf(conversationId);
        Optional<Role> role = type.isPresent() ? roleOf(conversationId, caller.userId()) : Optional.empty();
        if (role.isEmpty()) {
            throw notFound(conversationId);
        }
        if (ConversationCreated.DIRECT.equals(type.get())) {
            throw ApiProblem.conflict(DIRECT_REFUSAL);
        }
        Permissions.check(role.get(), Action.CREATE_INVITE);
    }

    private static ApiProblem notFound(UUID conversationId) {
        return ApiProblem.notFound("conversation " + conversationId + " not found");
    }

    /** The ids among {@code userIds} that are members. */
    List<UUID> membersAmong(UUID conversationId, Collection<UUID> userIds) {
        return admission.membersAmong(conversationId, userIds);
    }

    /** The ids among {@code userIds} with a ban active at {@code now}. */
    List<UUID> bannedAmong(UUID conversationId, Collection<UUID> userIds, Instant now) {
        return admission.bannedAmong(conversationId, userIds, now);
    }

    private Optional<String> typeOf(UUID conversationId) {
        return admission.typeOf(conversationId);
    }

    private Optional<Role> roleOf(UUID conversationId, UUID userId) {
        return admission.roleOf(conversationId, userId);
    }
}
