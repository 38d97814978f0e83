package dev.chat.media.download;

import dev.chat.media.metadata.Media;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** The JSON of one media item; {@code downloadUrl} (presigned GET) only once it is READY. */
public record MediaView(UUID mediaId, Media.Status status, String contentType, long sizeBytes, String filename,
                        Instant createdAt, URI downloadUrl, Instant downloadUrlExpiresAt) {
}
