package dev.chat.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message took position {@code seq} in its conversation's change sequence.
 * {@code replyToId} is null for a message that replies to nothing. {@code mentions}: the members its body names as
 * {@code @username}, resolved when it was sent (empty when none; an event written before mentions reads as none).
 */
public record MessageCreated(UUID messageId, UUID conversationId, long seq, UUID senderId, String clientMessageId,
                             String body, UUID replyToId, Instant createdAt, List<UUID> mentions) implements ChatEvent {

    public MessageCreated {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** A message that mentions nobody. */
    public MessageCreated(UUID messageId, UUID conversationId, long seq, UUID senderId, String clientMessageId,
                          String body, UUID replyToId, Instant createdAt) {
        this(messageId, conversationId, seq, senderId, clientMessageId, body, replyToId, createdAt, List.of());
    }

    @Override
    public String key() {
        return conversationId.toString();
    }
}
