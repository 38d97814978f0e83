package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** A member removed their reaction: the next number {@code seq} of the conversation, as {@link ReactionAdded}. */
public record ReactionRemoved(UUID conversationId, long seq, UUID messageId, long messageSeq, UUID userId,
                              String emoji, Instant at) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
