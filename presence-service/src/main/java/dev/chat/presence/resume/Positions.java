package dev.chat.presence.resume;

import dev.chat.events.socket.RealtimeKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The latest pushed position (seq) of conversations, from {@code rt:conv:positions}, which the fan-out
 * advances with every push. A client compares them with what it holds and fetches the gap over REST.
 */
@Component
public class Positions {

    private final ReactiveStringRedisTemplate redis;

    Positions(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * The latest position of each of {@code conversationIds} that {@code userId} is a member of; the others
     * are left out, so a resume never tells anything about a conversation the caller is not in. One
     * SMISMEMBER and one ZMSCORE; a conversation with no push yet is at 0. Keeps the given order.
     */
    public Mono<Map<String, Long>> latest(UUID userId, List<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        Object[] asked = conversationIds.stream().map(UUID::toString).toArray();
        return redis.opsForSet().isMember(RealtimeKeys.userConversations(userId), asked)
                .map(membership -> java.util.Arrays.stream(asked)
                        .filter(id -> Boolean.TRUE.equals(membership.get(id))).toArray())
                .flatMap(mine -> mine.length == 0 ? Mono.just(Map.<String, Long>of()) : scores(mine));
    }

    private Mono<Map<String, Long>> scores(Object[] members) {
        return redis.opsForZSet().score(RealtimeKeys.POSITIONS, members).map(scores -> {
            Map<String, Long> positions = new LinkedHashMap<>();
            for (int i = 0; i < members.length; i++) {
                Double score = scores.get(i);
                positions.put((String) members[i], score == null ? 0L : score.longValue());
            }
            return positions;
        });
    }
}
