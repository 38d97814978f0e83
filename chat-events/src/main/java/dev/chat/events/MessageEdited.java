package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** An edit takes the next number {@code seq} of the conversation; the message keeps {@code messageSeq}. */
public record MessageEdited(UUID conversationId, long seq, UUID messageId, long messageSeq, String body,
                            UUID editedBy, Instant editedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
