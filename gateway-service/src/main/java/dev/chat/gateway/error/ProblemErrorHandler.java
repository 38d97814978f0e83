package dev.chat.gateway.error;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors the gateway itself produces, as RFC 9457 problem+json without stack traces: no route (404),
 * upstream unreachable, its circuit breaker open, no live instance or the gateway at its in-flight limit
 * (503, always with Retry-After), upstream broke the exchange (502), upstream too slow (504). Answers a
 * service gives are not errors here: they pass through unchanged. Runs before Boot's default handler.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);
    private static final Duration SOON = Duration.ofSeconds(1);

    private final JsonMapper json;
    private final ObjectProvider<CircuitBreakerRegistry> breakers;

    ProblemErrorHandler(JsonMapper json, ObjectProvider<CircuitBreakerRegistry> breakers) {
        this.json = json;
        this.breakers = breakers;
    }

    /** {@code retryAfter} is set for every 503. */
    record Problem(HttpStatusCode status, String title, String detail, @Nullable Duration retryAfter) {

        Problem(HttpStatusCode status, String title, String detail) {
            this(status, title, detail, null);
        }
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex); // too late for a body: let the connection close
        }
        Problem problem = classify(exchange, ex);
        log(exchange, ex, problem);
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", exchange.getRequest().getPath().value());
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        if (problem.retryAfter() != null) {
            long seconds = Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000);
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    private Problem classify(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().is4xxClientError()) {
            HttpStatusCode status = rse.getStatusCode();
            String title = status instanceof HttpStatus known ? known.getReasonPhrase() : "Client Error";
            String detail = status.value() == 404
                    ? "No route for " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value() + "."
                    : rse.getReason() == null ? title : rse.getReason();
            return new Problem(status, title, detail);
        }
        if (ex instanceof ServiceUnavailableException) { // what the CircuitBreaker filter raises when open
            return unavailable("The upstream service is failing; the gateway is not calling it for a moment.",
                    openFor(exchange));
        }
        if (hasCause(ex, TimeoutException.class)
                || ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504) {
            return new Problem(HttpStatus.GATEWAY_TIMEOUT, "Gateway Timeout", "The upstream service did not answer in time.");
        }
        if (hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)) {
            return unavailable("The upstream service is not reachable; try again shortly.", SOON);
        }
        if (hasCause(ex, PrematureCloseException.class) || hasCause(ex, IOException.class)) {
            return new Problem(HttpStatus.BAD_GATEWAY, "Bad Gateway", "The upstream service broke off the exchange.");
        }
        if (ex instanceof NotFoundException) { // the load balancer found no live instance
            return unavailable("No instance of the upstream service is available.", SOON);
        }
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 503) { // e.g. the in-flight limit
            return unavailable(rse.getReason() == null ? "The service is unavailable; try again shortly." : rse.getReason(),
                    retryAfter(rse));
        }
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 502) {
            return new Problem(HttpStatus.BAD_GATEWAY, "Bad Gateway", "The upstream service answered invalidly.");
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "The gateway could not complete the request.");
    }

    private static Duration retryAfter(ResponseStatusException rse) {
        String seconds = rse.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        try {
            return seconds == null ? SOON : Duration.ofSeconds(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            return SOON;
        }
    }

    private static Problem unavailable(String detail, Duration retryAfter) {
        return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", detail, retryAfter);
    }

    /** How long the route's breaker stays open (breakers are named after their route). */
    private Duration openFor(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        CircuitBreakerRegistry registry = breakers.getIfAvailable();
        if (registry == null) {
            return SOON;
        }
        var config = route == null ? registry.getDefaultConfig()
                : registry.find(route.getId()).map(cb -> cb.getCircuitBreakerConfig()).orElse(registry.getDefaultConfig());
        return Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1));
    }

    private static void log(ServerWebExchange exchange, Throwable ex, Problem problem) {
        int status = problem.status().value();
        if (status == 500) {
            log.error("Unexpected gateway error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex);
        } else if (status == 503 && (ex instanceof ResponseStatusException || ex instanceof ServiceUnavailableException)) {
            // breaker open, no live instance, in-flight limit: expected under faults, counted by metrics
            log.debug("{} {} -> 503: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex.toString());
        } else if (problem.status().is5xxServerError()) {
            log.warn("{} {} -> {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    status, ex.toString());
        }
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
