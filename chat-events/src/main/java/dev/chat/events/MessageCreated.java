package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A message took position {@code seq} in its conversation's change sequence.
 * {@code replyToId} is null for a message that replies to nothing.
 */
public record MessageCreated(UUID messageId, UUID conversationId, long seq, UUID senderId, String clientMessageId,
                             String body, UUID replyToId, Instant createdAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
