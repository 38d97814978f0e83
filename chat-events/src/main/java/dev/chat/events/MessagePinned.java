package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** A message was pinned: the next number {@code seq} of the conversation; the message keeps {@code messageSeq}. */
public record MessagePinned(UUID conversationId, long seq, UUID messageId, long messageSeq, UUID pinnedBy,
                            Instant pinnedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
