package dev.chat.web.remote;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Makes {@link OnBehalfCheck}s: one per service called, each with its own HTTP client (connect and read timeouts:
 * the time limit), circuit breaker (named after the service, in the registry's metrics) and one retry with jittered
 * backoff. The breaker and retry run on the caller's (virtual) thread, no executor hop.
 */
public final class OnBehalfCalls {

    private final RestClient.Builder builder;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;

    public OnBehalfCalls(RestClient.Builder builder, CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this.builder = builder;
        this.breakers = breakers;
        this.retries = retries;
    }

    /** @param service the service's name, e.g. {@code conversation-service}: its breaker and retry are named so */
    public OnBehalfCheck check(String service, URI baseUri, Duration connectTimeout, Duration readTimeout) {
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build());
        requestFactory.setReadTimeout(readTimeout);
        RestClient http = builder.clone().baseUrl(baseUri.toString()).requestFactory(requestFactory).build();
        var breaker = breakers.circuitBreaker(service, CircuitBreakerConfig.from(breakers.getDefaultConfig())
                .recordException(OnBehalfCheck::isTransient)
                .build());
        var retry = retries.retry(service, RetryConfig.custom()
                .maxAttempts(2)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(100), 2.0, 0.5))
                .retryOnException(OnBehalfCheck::isTransient)
                .build());
        return new OnBehalfCheck(service, http, breaker, retry);
    }
}
