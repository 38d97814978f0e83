package dev.chat.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message took position {@code seq} in its conversation's change sequence.
 * {@code replyToId} is null for a message that replies to nothing. {@code mentions}: the members its body names as
 * {@code @username}, resolved when it was sent (empty when none; an event written before mentions reads as none).
 * {@code attachments}: the files it carries, in the order sent (empty when none, and in events written before them).
 */
public record MessageCreated(UUID messageId, UUID conversationId, long seq, UUID senderId, String clientMessageId,
                             String body, UUID replyToId, Instant createdAt, List<UUID> mentions,
                             List<Attachment> attachments) implements ChatEvent {

    public MessageCreated {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message without attachments. */
    public MessageCreated(UUID messageId, UUID conversationId, long seq, UUID senderId, String clientMessageId,
                          String body, UUID replyToId, Instant createdAt, List<UUID> mentions) {
        this(messageId, conversationId, seq, senderId, clientMessageId, body, replyToId, createdAt, mentions, List.of());
    }

    /** A message that mentions nobody and carries no attachment. */
    public MessageCreated(UUID messageId, UUID conversationId, long seq, UUID senderId, String clientMessageId,
                          String body, UUID replyToId, Instant createdAt) {
        this(messageId, conversationId, seq, senderId, clientMessageId, body, replyToId, createdAt, List.of());
    }

    @Override
    public String key() {
        return conversationId.toString();
    }
}
