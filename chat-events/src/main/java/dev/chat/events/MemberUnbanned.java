package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** {@code unbannedBy} lifted the ban on {@code userId}: they may be added again (they are not re-added by this). */
public record MemberUnbanned(UUID conversationId, UUID userId, UUID unbannedBy, Instant unbannedAt)
        implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
