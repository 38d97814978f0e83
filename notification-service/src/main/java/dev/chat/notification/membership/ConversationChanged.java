package dev.chat.notification.membership;

import java.util.List;
import java.util.UUID;

/**
 * Published (in-process) by the projection for each conversation event it applied, delivered after its commit
 * (a rolled-back or redelivered event announces nothing): the fan-out pushes it to the recipients' sockets as a
 * {@code conversation.changed} frame. The projection decides the recipients; the fan-out only resolves
 * {@link AllMembers} against the membership as committed.
 *
 * @param change     as in the frame: created, member_joined, member_left, updated, member_muted, invited, ...
 * @param userId     the user concerned (as in the frame), or null
 * @param recipients who is told
 */
public record ConversationChanged(UUID conversationId, String change, UUID userId, Recipients recipients) {

    public ConversationChanged {
        if (conversationId == null || change == null || recipients == null) {
            throw new IllegalArgumentException("conversationId, change and recipients are required");
        }
    }

    /** To every member after the change, and to {@code alsoNotify} besides (members or not). */
    public static ConversationChanged toMembers(UUID conversationId, String change, UUID userId,
                                                List<UUID> alsoNotify) {
        return new ConversationChanged(conversationId, change, userId, new AllMembers(List.copyOf(alsoNotify)));
    }

    /** To exactly {@code users}, whether they are members or not. */
    public static ConversationChanged toUsers(UUID conversationId, String change, UUID userId, List<UUID> users) {
        return new ConversationChanged(conversationId, change, userId, new OnlyUsers(List.copyOf(users)));
    }

    public sealed interface Recipients permits AllMembers, OnlyUsers {
    }

    /**
     * The conversation's members once the change committed, plus {@code alsoNotify}: the one who left, every former
     * member of a deleted conversation.
     */
    public record AllMembers(List<UUID> alsoNotify) implements Recipients {
    }

    /** Exactly these users: the invitee, the banned user, the member whose own settings changed. */
    public record OnlyUsers(List<UUID> users) implements Recipients {
    }
}
