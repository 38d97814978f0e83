package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** Ephemeral: never caught up on. Keyed by user, like presence. */
public record TypingChanged(UUID conversationId, UUID userId, boolean typing, Instant at) implements ChatEvent {
    @Override
    public String key() {
        return userId.toString();
    }
}
