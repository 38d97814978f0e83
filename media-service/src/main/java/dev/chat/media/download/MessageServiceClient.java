package dev.chat.media.download;

import dev.chat.media.config.MediaProperties;
import dev.chat.web.problem.ApiProblem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks message-service whether a message the caller can read carries a media item (its
 * {@code GET /api/media/{id}/access} answers 204 or 404 for the caller of the token it is given): message-service
 * owns messages and their conversations' members, so it decides who besides the uploader sees an attachment,
 * including after a delete or a removal. Short timeouts, one retry with jittered backoff, a circuit breaker.
 */
@Component
class MessageServiceClient {

    static final String NAME = "message-service";

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;

    MessageServiceClient(RestClient.Builder builder, CircuitBreakerRegistry breakers, RetryRegistry retries,
                         MediaProperties properties) {
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.messageConnectTimeout())
                .build());
        requestFactory.setReadTimeout(properties.messageReadTimeout());
        this.http = builder.clone().baseUrl(properties.messageUri().toString()).requestFactory(requestFactory).build();
        Predicate<Throwable> transientFailure = MessageServiceClient::isTransient;
        this.breaker = breakers.circuitBreaker(NAME, CircuitBreakerConfig.from(breakers.getDefaultConfig())
                .recordException(transientFailure)
                .build());
        this.retry = retries.retry(NAME, RetryConfig.custom()
                .maxAttempts(2)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(100), 2.0, 0.5))
                .retryOnException(transientFailure)
                .build());
    }

    /**
     * @return true when message-service answers 204 (a conversation of the caller's carries it), false on 404
     * @throws ApiProblem 503 when message-service cannot answer
     */
    boolean sharedWithCaller(UUID mediaId, String bearerToken) {
        Supplier<Boolean> attempt = () -> http.get()
                .uri("/api/media/{id}/access", mediaId)
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
            throw ApiProblem.unavailable("message-service is unavailable (circuit open)", e);
        } catch (UnexpectedAnswer | RestClientException e) {
            throw ApiProblem.unavailable("message-service is unavailable", e);
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
            super("message-service answered " + status.value());
            this.status = status;
        }
    }
}
