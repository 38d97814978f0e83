package dev.chat.media.download;

import dev.chat.media.config.MediaProperties;
import dev.chat.web.remote.OnBehalfCalls;
import dev.chat.web.remote.OnBehalfCheck;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Asks message-service whether a message the caller can read carries a media item (its
 * {@code GET /api/media/{id}/access} answers 204 or 404 for the caller of the token it is given): message-service
 * owns messages and their conversations' members, so it decides who besides the uploader sees an attachment,
 * including after a delete or a removal. Short timeouts, one retry, a circuit breaker ({@link OnBehalfCheck}).
 */
@Component
class MessageServiceClient {

    static final String NAME = "message-service";

    private final OnBehalfCheck check;

    MessageServiceClient(OnBehalfCalls calls, MediaProperties properties) {
        this.check = calls.check(NAME, properties.messageUri(), properties.messageConnectTimeout(),
                properties.messageReadTimeout());
    }

    /** @return true when a conversation of the caller's carries it, false otherwise; 503 problem when unknown */
    boolean sharedWithCaller(UUID mediaId, String bearerToken) {
        return check.exists("/api/media/{id}/access", bearerToken, mediaId);
    }
}
