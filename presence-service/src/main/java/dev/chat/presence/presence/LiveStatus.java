package dev.chat.presence.presence;

import dev.chat.events.socket.RealtimeKeys;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Online = the user's ownership hash has an entry. Entries of a node that died linger until a sweeper
 * removes them (heartbeat TTL + sweep interval, about 25 s), which bounds how long a user may look online.
 */
@Component
class LiveStatus {

    private final ReactiveStringRedisTemplate redis;

    LiveStatus(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    Mono<Boolean> isOnline(UUID user) {
        return redis.opsForHash().size(RealtimeKeys.userNodes(user)).map(n -> n > 0);
    }
}
