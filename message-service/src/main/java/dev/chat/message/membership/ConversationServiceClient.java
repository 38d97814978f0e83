package dev.chat.message.membership;

import dev.chat.web.problem.ApiProblem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks conversation-service whether the caller is a member of a conversation (its
 * {@code GET /api/conversations/{id}} answers 200 to members, 404 to everyone else), forwarding the caller's
 * token. Short timeouts, one retry with jittered backoff, and a circuit breaker.
 */
@Component
class ConversationServiceClient {

    static final String NAME = "conversation-service";

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;

    ConversationServiceClient(RestClient.Builder builder, CircuitBreakerRegistry breakers, RetryRegistry retries,
                              @Value("${chat.message.conversation-uri}") URI baseUri,
                              @Value("${chat.message.conversation-connect-timeout}") Duration connectTimeout,
                              @Value("${chat.message.conversation-read-timeout}") Duration readTimeout) {
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build());
        requestFactory.setReadTimeout(readTimeout);
        this.http = builder.clone().baseUrl(baseUri.toString()).requestFactory(requestFactory).build();
        Predicate<Throwable> transientFailure = ConversationServiceClient::isTransient;
        this.breaker = breakers.circuitBreaker(NAME, CircuitBreakerConfig.from(breakers.getDefaultConfig())
                .recordException(transientFailure)
                .build());
        this.retry = retries.retry(NAME, RetryConfig.custom()
                .maxAttempts(2)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(100), 2.0, 0.5))
                .retryOnException(transientFailure)
                .build());
    }

    /** @return true when conversation-service answers 200 (a member), false on its 404 */
    boolean isMember(UUID conversationId, String bearerToken) {
        Supplier<Boolean> attempt = () -> http.get()
                .uri("/api/conversations/{id}", conversationId)
                .headers(h -> h.setBearerAuth(bearerToken))
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is2xxSuccessful()) {
                        return true;
                    }
                    if (status.value() == 404) {
                        return false;
                    }
                    throw new UnexpectedAnswer(status);
                });
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt)).get();
        } catch (CallNotPermittedException e) {
            throw ApiProblem.unavailable("conversation-service is unavailable (circuit open)", e);
        } catch (UnexpectedAnswer | RestClientException e) {
            throw ApiProblem.unavailable("conversation-service is unavailable", e);
        }
    }

    /** Worth a retry and counted by the breaker: I/O errors and timeouts, 5xx, 429. Other 4xx are our fault. */
    private static boolean isTransient(Throwable e) {
        return e instanceof ResourceAccessException
                || e instanceof UnexpectedAnswer u && (u.status.is5xxServerError() || u.status.value() == 429);
    }

    private static final class UnexpectedAnswer extends RuntimeException {
        private final HttpStatusCode status;

        UnexpectedAnswer(HttpStatusCode status) {
            super("conversation-service answered " + status.value());
            this.status = status;
        }
    }
}
