package dev.chat.gateway.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Bounds the requests the gateway has in flight ({@code chat.gateway.admission.max-in-flight}): past the
 * limit a request is answered at once with 503 + {@code Retry-After: 1} (problem+json via
 * ProblemErrorHandler) instead of queueing, so a flood costs the gateway little and cannot exhaust it.
 * A WebSocket holds its permit only until the upgrade is answered, not for the socket's life.
 * {@code /actuator/**} (health, prometheus) is never refused: probes and scrapes matter most under load.
 * Runs after CORS, so a refused browser request still carries its CORS headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class InFlightLimit implements WebFilter {

    private static final String ACTUATOR = "/actuator";

    private final Semaphore permits;
    private final Counter refused;

    InFlightLimit(@Value("${chat.gateway.admission.max-in-flight}") int maxInFlight, MeterRegistry meters) {
        this.permits = new Semaphore(maxInFlight);
        this.refused = Counter.builder("chat.gateway.requests.refused")
                .description("Requests refused because the gateway had max-in-flight requests in flight")
                .register(meters);
        Gauge.builder("chat.gateway.requests.in.flight", () -> maxInFlight - permits.availablePermits())
                .description("Requests in flight through the gateway (WebSockets only while upgrading)")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/")) {
            return chain.filter(exchange);
        }
        if (!permits.tryAcquire()) {
            refused.increment();
            return Mono.error(new GatewayBusy());
        }
        var released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
        if ("websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
            // The upgrade commits the 101 response, then the exchange lasts as long as the socket.
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(release));
        }
        return chain.filter(exchange).doFinally(signal -> release.run());
    }

    /** 503 with Retry-After: 1; ProblemErrorHandler writes it with these headers. */
    static final class GatewayBusy extends ResponseStatusException {

        GatewayBusy() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "The gateway is handling as many requests as it can; try again in a second.");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // thrown in floods: no stack walk
        }

        @Override
        public HttpHeaders getHeaders() {
            var headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return headers;
        }
    }
}
