package dev.chat.conversation.users;

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
 * Asks auth-service whether a user exists, on behalf of the caller (their bearer token is forwarded).
 * Short timeouts, one retry with jittered backoff, and a circuit breaker so a sick auth-service costs
 * callers a fast 503 instead of a pile-up of waiting threads.
 */
@Component
class AuthServiceClient {

    static final String NAME = "auth-service";

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;

    AuthServiceClient(RestClient.Builder builder, CircuitBreakerRegistry breakers, RetryRegistry retries,
                      @Value("${chat.conversation.auth-uri}") URI baseUri,
                      @Value("${chat.conversation.auth-connect-timeout}") Duration connectTimeout,
                      @Value("${chat.conversation.auth-read-timeout}") Duration readTimeout) {
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build());
        requestFactory.setReadTimeout(readTimeout);
        this.http = builder.clone().baseUrl(baseUri.toString()).requestFactory(requestFactory).build();
        Predicate<Throwable> transientFailure = AuthServiceClient::isTransient;
        this.breaker = breakers.circuitBreaker(NAME, CircuitBreakerConfig.from(breakers.getDefaultConfig())
                .recordException(transientFailure)
                .build());
        this.retry = retries.retry(NAME, RetryConfig.custom()
                .maxAttempts(2)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(100), 2.0, 0.5))
                .retryOnException(transientFailure)
                .build());
    }

    /** @return true when auth-service knows the user, false when it answers 404 */
    boolean userExists(UUID userId, String bearerToken) {
        Supplier<Boolean> attempt = () -> http.get()
                .uri("/api/users/{id}", userId)
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
            throw ApiProblem.unavailable("auth-service is unavailable (circuit open)", e);
        } catch (UnexpectedAnswer | RestClientException e) {
            throw ApiProblem.unavailable("auth-service is unavailable", e);
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
            super("auth-service answered " + status.value());
            this.status = status;
        }
    }
}
