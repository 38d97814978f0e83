package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A member was promoted or demoted by {@code changedBy}. role: the new role, ADMIN or MEMBER (ownership moves
 * only with {@link OwnershipTransferred}).
 */
public record MemberRoleChanged(UUID conversationId, UUID userId, String role, UUID changedBy, Instant changedAt)
        implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
