package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

public record MessageDeleted(UUID conversationId, long seq, UUID messageId, long messageSeq, UUID deletedBy,
                             Instant deletedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
