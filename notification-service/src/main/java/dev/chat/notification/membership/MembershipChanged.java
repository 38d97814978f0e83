package dev.chat.notification.membership;

import java.util.List;
import java.util.UUID;

/**
 * Published (in-process) by the projection when it applied a membership change, delivered after its commit:
 * the fan-out tells the conversation's members' sockets. {@code alsoNotify}: users to tell besides the members
 * after the change (the one who left, or everyone of a deleted conversation).
 *
 * @param change as in the {@code conversation.changed} frame: created, member_joined, member_left, ...
 * @param userId the member concerned, or null
 */
public record MembershipChanged(UUID conversationId, String change, UUID userId, List<UUID> alsoNotify) {
}
