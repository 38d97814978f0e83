package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A media item is READY: its bytes are stored and checked. {@code filename} is the name the uploader gave (null in
 * events written before it was added). Consumers keep what they need of it (message-service: attachable media).
 */
public record MediaUploaded(UUID mediaId, UUID ownerId, String contentType, long sizeBytes, String objectKey,
                            Instant at, String filename) implements ChatEvent {

    public MediaUploaded(UUID mediaId, UUID ownerId, String contentType, long sizeBytes, String objectKey, Instant at) {
        this(mediaId, ownerId, contentType, sizeBytes, objectKey, at, null);
    }

    @Override
    public String key() {
        return ownerId.toString();
    }
}
