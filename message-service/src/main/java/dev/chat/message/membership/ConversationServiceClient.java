package dev.chat.message.membership;

import dev.chat.web.remote.OnBehalfCalls;
import dev.chat.web.remote.OnBehalfCheck;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks conversation-service whether the caller is a member of a conversation (its
 * {@code GET /api/conversations/{id}} answers 200 to members, 404 to everyone else), forwarding the caller's
 * token; short timeouts, one retry, a circuit breaker ({@link OnBehalfCheck}).
 */
@Component
class ConversationServiceClient {

    static final String NAME = "conversation-service";

    private final OnBehalfCheck check;

    ConversationServiceClient(OnBehalfCalls calls,
                              @Value("${chat.message.conversation-uri}") URI baseUri,
                              @Value("${chat.message.conversation-connect-timeout}") Duration connectTimeout,
                              @Value("${chat.message.conversation-read-timeout}") Duration readTimeout) {
        this.check = calls.check(NAME, baseUri, connectTimeout, readTimeout);
    }

    /** @return true when conversation-service answers 200 (a member), false on its 404; 503 problem otherwise */
    boolean isMember(UUID conversationId, String bearerToken) {
        return check.exists("/api/conversations/{id}", bearerToken, conversationId);
    }
}
