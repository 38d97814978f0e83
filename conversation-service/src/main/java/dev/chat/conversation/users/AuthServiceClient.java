package dev.chat.conversation.users;

import dev.chat.web.remote.OnBehalfCalls;
import dev.chat.web.remote.OnBehalfCheck;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks auth-service whether a user exists, on behalf of the caller (their bearer token is forwarded).
 * Short timeouts, one retry with jittered backoff, and a circuit breaker so a sick auth-service costs
 * callers a fast 503 instead of a pile-up of waiting threads ({@link OnBehalfCheck}).
 */
@Component
class AuthServiceClient {

    static final String NAME = "auth-service";

    private final OnBehalfCheck check;

    AuthServiceClient(OnBehalfCalls calls,
                      @Value("${chat.conversation.auth-uri}") URI baseUri,
                      @Value("${chat.conversation.auth-connect-timeout}") Duration connectTimeout,
                      @Value("${chat.conversation.auth-read-timeout}") Duration readTimeout) {
        this.check = calls.check(NAME, baseUri, connectTimeout, readTimeout);
    }

    /** @return true when auth-service knows the user, false when it answers 404; 503 problem otherwise */
    boolean userExists(UUID userId, String bearerToken) {
        return check.exists("/api/users/{id}", bearerToken, userId);
    }
}
