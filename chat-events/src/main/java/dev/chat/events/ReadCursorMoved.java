package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** A member's read (or delivered) cursor moved forward to {@code seq}. kind: READ or DELIVERED. */
public record ReadCursorMoved(UUID conversationId, UUID userId, String kind, long seq, Instant at)
        implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
