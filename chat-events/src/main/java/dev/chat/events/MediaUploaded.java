package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

public record MediaUploaded(UUID mediaId, UUID ownerId, String contentType, long sizeBytes, String objectKey,
                            Instant at) implements ChatEvent {
    @Override
    public String key() {
        return ownerId.toString();
    }
}
