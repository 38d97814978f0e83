package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** A message was unpinned: the next number {@code seq} of the conversation; the message keeps {@code messageSeq}. */
public record MessageUnpinned(UUID conversationId, long seq, UUID messageId, long messageSeq, UUID unpinnedBy,
                              Instant unpinnedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
