package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

public record ReactionRemoved(UUID conversationId, long seq, UUID messageId, UUID userId, String emoji, Instant at)
        implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
