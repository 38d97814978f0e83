package dev.chat.events;

import java.util.UUID;

/**
 * A file a message carries: an uploaded media item ({@code chat.media.v1}'s {@link MediaUploaded}) as it was when the
 * message was sent. Media never changes once uploaded, so messages keep this copy instead of looking it up.
 */
public record Attachment(UUID mediaId, String contentType, long sizeBytes, String filename) {
}
