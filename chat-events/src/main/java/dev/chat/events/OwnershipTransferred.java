package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** One fact for both role changes: {@code fromUserId} is now an ADMIN, {@code toUserId} the OWNER. */
public record OwnershipTransferred(UUID conversationId, UUID fromUserId, UUID toUserId, Instant transferredAt)
        implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
