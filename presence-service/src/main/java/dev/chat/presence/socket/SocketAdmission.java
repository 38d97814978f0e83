package dev.chat.presence.socket;

import dev.chat.presence.config.PresenceProperties;
import dev.chat.presence.config.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Bounds the sockets this node holds ({@code max-sockets}, authenticated or not) and those still in their
 * handshake ({@code max-handshakes}: upgraded, token not checked yet). A {@code /ws} upgrade past either
 * bound is refused before the upgrade with 503 problem+json and {@code Retry-After}, so the gateway (or the
 * client) tries another node and this one keeps serving the sockets it has. Nothing queues: a refusal costs
 * one small response.
 */
@Component
public class SocketAdmission {

    private final AtomicInteger sockets = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final int maxSockets;
    private final int maxHandshakes;
    private final long retryAfterSeconds;
    private final Counter refused;
    private volatile boolean closed;

    SocketAdmission(PresenceProperties properties, MeterRegistry meters) {
        this.maxSockets = properties.socket().maxSockets();
        this.maxHandshakes = properties.socket().maxHandshakes();
        this.retryAfterSeconds = Math.max(1, properties.socket().retryAfter().toSeconds());
        Gauge.builder("chat.presence.sockets.admitted", sockets, AtomicInteger::get)
                .description("WebSockets held by this node, authenticated or not").register(meters);
        Gauge.builder("chat.presence.sockets.handshaking", handshakes, AtomicInteger::get)
                .description("WebSockets upgraded whose token is not checked yet").register(meters);
        this.refused = Counter.builder("chat.presence.sockets.refused")
                .description("WebSocket upgrades refused with 503: the node was full or shutting down").register(meters);
    }

    /** A place for one more socket, or null when the node is full (or shutting down). */
    Ticket tryAdmit() {
        if (closed || !increment(sockets, maxSockets)) {
            return null;
        }
        if (!increment(handshakes, maxHandshakes)) {
            sockets.decrementAndGet();
            return null;
        }
        return new Ticket();
    }

    /** The refusal: 503 problem+json, Retry-After with jitter so refused clients do not return together. */
    Mono<Void> refuse(ServerWebExchange exchange) {
        refused.increment();
        long retryAfter = retryAfterSeconds + ThreadLocalRandom.current().nextLong(retryAfterSeconds + 1);
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                closed ? "This node is shutting down; connect again." : "This node holds all the sockets it can; connect again.",
                headers -> headers.set("Retry-After", Long.toString(retryAfter)));
    }

    /** Shutdown: every upgrade from now on is refused. */
    void close() {
        closed = true;
    }

    int sockets() {
        return sockets.get();
    }

    private static boolean increment(AtomicInteger counter, int max) {
        int n;
        do {
            n = counter.get();
            if (n >= max) {
                return false;
            }
        } while (!counter.compareAndSet(n, n + 1));
        return true;
    }

    /** One admitted socket: in its handshake until {@link #authenticated()}, held until {@link #release()}. */
    final class Ticket {

        private static final int HANDSHAKE = 0;
        private static final int AUTHENTICATED = 1;
        private static final int RELEASED = 2;
        // A field updater rather than an AtomicInteger: one object less per socket.
        private static final AtomicIntegerFieldUpdater<Ticket> STATE =
                AtomicIntegerFieldUpdater.newUpdater(Ticket.class, "state");
        private volatile int state = HANDSHAKE;
        private volatile boolean started;

        /** The socket's handler took over: from now on its end releases the ticket. */
        void started() {
            started = true;
        }

        void releaseUnlessStarted() {
            if (!started) {
                release();
            }
        }

        void authenticated() {
            if (STATE.compareAndSet(this, HANDSHAKE, AUTHENTICATED)) {
                handshakes.decrementAndGet();
            }
        }

        void release() {
            int before = STATE.getAndSet(this, RELEASED);
            if (before == HANDSHAKE) {
                handshakes.decrementAndGet();
            }
            if (before != RELEASED) {
                sockets.decrementAndGet();
            }
        }
    }
}
