package dev.chat.web.remote;

import dev.chat.web.problem.ApiProblem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.function.Supplier;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks another service whether something exists for the caller, forwarding the caller's bearer token, so that
 * service answers with its own authorization: 2xx means yes, 404 no. Anything else, once one retry of a transient
 * failure did not help or while the circuit is open, is a 503 problem for our caller: a fast refusal instead of a
 * pile-up of waiting threads. Made by {@link OnBehalfCalls}.
 */
public final class OnBehalfCheck {

    private final String service;
    private final RestClient http;
    private final CircuitBreaker breaker;
    private final Retry retry;

    OnBehalfCheck(String service, RestClient http, CircuitBreaker breaker, Retry retry) {
        this.service = service;
        this.http = http;
        this.breaker = breaker;
        this.retry = retry;
    }

    /**
     * @param path a URI template on the service, e.g. {@code /api/conversations/{id}}
     * @return true on a 2xx answer, false on 404
     * @throws ApiProblem 503 when the service does not answer either
     */
    public boolean exists(String path, String bearerToken, Object... uriVariables) {
        Supplier<Boolean> attempt = () -> http.get()
                .uri(path, uriVariables)
                .headers(h -> h.setBearerAuth(bearerToken))
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is2xxSuccessful()) {
                        return true;
                    }
                    if (status.value() == 404) {
                        return false;
                    }
                    throw new UnexpectedAnswer(service, status);
                });
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, attempt)).get();
        } catch (CallNotPermittedException e) {
            throw ApiProblem.unavailable(service + " is unavailable (circuit open)", e);
        } catch (UnexpectedAnswer | RestClientException e) {
            throw ApiProblem.unavailable(service + " is unavailable", e);
        }
    }

    /** Worth a retry and counted by the breaker: I/O errors and timeouts, 5xx, 429. Other 4xx are our fault. */
    static boolean isTransient(Throwable e) {
        return e instanceof ResourceAccessException
                || e instanceof UnexpectedAnswer u && (u.status.is5xxServerError() || u.status.value() == 429);
    }

    private static final class UnexpectedAnswer extends RuntimeException {
        private final HttpStatusCode status;

        UnexpectedAnswer(String service, HttpStatusCode status) {
            super(service + " answered " + status.value());
            this.status = status;
        }
    }
}
