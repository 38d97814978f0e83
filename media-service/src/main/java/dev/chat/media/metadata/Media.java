package dev.chat.media.metadata;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code media}. */
public record Media(UUID id, UUID ownerId, Status status, String contentType, long sizeBytes, String objectKey,
                    String filename, Instant createdAt) {

    public enum Status { PENDING, READY }

    /** Where the presigned PUT writes; completion moves the bytes from here to {@link #objectKey()}. */
    public String stagingKey() {
        return "uploads/" + id;
    }

    public static String objectKeyFor(UUID ownerId, UUID mediaId) {
        return "media/" + ownerId + "/" + mediaId;
    }
}
