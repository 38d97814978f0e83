package dev.chat.presence.resume;

import dev.chat.events.socket.RealtimeKeys;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The epoch of the socket tier's Redis state ({@link RealtimeKeys#EPOCH}): whoever finds it missing creates
 * it with a random value (first writer wins, notification-service does the same), so it changes exactly when
 * Redis lost its data. Positions frames carry it; a client that sees a new one catches up on everything.
 * The node refreshes it on every heartbeat and keeps the last value seen here.
 */
@Component
public class Epoch {

    private static final Logger log = LoggerFactory.getLogger(Epoch.class);

    /** KEYS: epoch. ARGV: a fresh candidate. GET, or SET when missing: atomic, so the same as SET NX + GET. */
    private static final RedisScript<String> ENSURE = RedisScript.of("""
            local epoch = redis.call('GET', KEYS[1])
            if epoch then return epoch end
            redis.call('SET', KEYS[1], ARGV[1])
            return ARGV[1]""", String.class);

    private final ReactiveStringRedisTemplate redis;
    private volatile String current;

    Epoch(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The epoch last seen; null only before the node's first heartbeat. */
    public String current() {
        return current;
    }

    /** Reads the epoch from Redis, creating it when it is missing, and remembers it. */
    public Mono<String> refresh() {
        return redis.execute(ENSURE, List.of(RealtimeKeys.EPOCH), List.of(candidate())).next()
                .doOnNext(this::observe);
    }

    static String candidate() {
        return UUID.randomUUID().toString();
    }

    void observe(String seen) {
        String before = current;
        if (!seen.equals(before)) {
            current = seen;
            if (before != null) {
                log.warn("the socket tier's Redis state was lost: epoch {} -> {}", before, seen);
            }
        }
    }
}
