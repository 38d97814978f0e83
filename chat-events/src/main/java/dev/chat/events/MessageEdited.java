package dev.chat.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An edit takes the next number {@code seq} of the conversation; the message keeps {@code messageSeq}.
 * {@code mentions}: the members the new body names (empty when none, or in an event written before mentions).
 */
public record MessageEdited(UUID conversationId, long seq, UUID messageId, long messageSeq, String body,
                            UUID editedBy, Instant editedAt, List<UUID> mentions) implements ChatEvent {

    public MessageEdited {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    /** An edit whose body mentions nobody. */
    public MessageEdited(UUID conversationId, long seq, UUID messageId, long messageSeq, String body, UUID editedBy,
                         Instant editedAt) {
        this(conversationId, seq, messageId, messageSeq, body, editedBy, editedAt, List.of());
    }

    @Override
    public String key() {
        return conversationId.toString();
    }
}
