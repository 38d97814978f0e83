package dev.chat.media.upload;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Where and how to upload: PUT the bytes to {@code uploadUrl} with {@code uploadHeaders} before
 * {@code expiresAt}, then call {@code POST /api/media/{mediaId}/complete}.
 */
record UploadTicket(UUID mediaId, URI uploadUrl, String uploadMethod, Map<String, String> uploadHeaders,
                    Instant expiresAt) {
}
