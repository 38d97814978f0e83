package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A member added a reaction: it takes the next number {@code seq} of the conversation's change sequence (on
 * {@code chat.messages.v1}, in order with the messages); the message keeps its position {@code messageSeq}.
 */
public record ReactionAdded(UUID conversationId, long seq, UUID messageId, long messageSeq, UUID userId, String emoji,
                            Instant at) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
