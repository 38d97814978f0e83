package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** reason: LEFT, KICKED or BANNED. */
public record MemberLeft(UUID conversationId, UUID userId, String reason, Instant leftAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
