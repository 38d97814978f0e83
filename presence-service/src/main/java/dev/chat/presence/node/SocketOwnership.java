package dev.chat.presence.node;

import dev.chat.events.socket.RealtimeKeys;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which node holds which user's sockets, in Redis (see {@link RealtimeKeys}). Each change is one Lua script,
 * so the count it returns is exact even while other nodes change the same user's hash: exactly one
 * caller sees the user's first socket open (total 1) and exactly one sees the last close (total 0).
 * The scripts touch a user key and a node key, so they assume one Redis (not a cluster slot split).
 */
@Component
public class SocketOwnership {

    /** KEYS: user hash, node users set. ARGV: node id, user id. Returns the user's sockets on all nodes. */
    private static final RedisScript<Long> OPEN = RedisScript.of("""
            redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            redis.call('SADD', KEYS[2], ARGV[2])
            local total = 0
            for _, v in ipairs(redis.call('HVALS', KEYS[1])) do total = total + tonumber(v) end
            return total""", Long.class);

    /** Same keys; the node's entry goes at 0, and the hash itself with its last entry. */
    private static final RedisScript<Long> CLOSE = RedisScript.of("""
            local left = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
            if left <= 0 then
              redis.call('HDEL', KEYS[1], ARGV[1])
              redis.call('SREM', KEYS[2], ARGV[2])
            end
            local total = 0
            for _, v in ipairs(redis.call('HVALS', KEYS[1])) do total = total + tonumber(v) end
            return total""", Long.class);

    /**
     * KEYS: user hash. ARGV: dead node id. 1 when this call removed the user's last entry: only one of
     * several concurrent sweepers gets 1, so the user goes OFFLINE once.
     */
    private static final RedisScript<Long> SWEEP = RedisScript.of("""
            if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 and redis.call('HLEN', KEYS[1]) == 0 then
              return 1
            end
            return 0""", Long.class);

    /** KEYS: user hash, node users set. ARGV: node id, user id, count. Returns the entries before. */
    private static final RedisScript<Long> REASSERT = RedisScript.of("""
            local before = redis.call('HLEN', KEYS[1])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            redis.call('SADD', KEYS[2], ARGV[2])
            return before""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final String nodeId;

    SocketOwnership(ReactiveStringRedisTemplate redis, NodeId nodeId) {
        this.redis = redis;
        this.nodeId = nodeId.value();
    }

    /** A socket of {@code user} opened here; emits the user's socket count across all nodes. */
    public Mono<Long> open(UUID user) {
        return run(OPEN, List.of(RealtimeKeys.userNodes(user), RealtimeKeys.nodeUsers(nodeId)),
                List.of(nodeId, user.toString()));
    }

    /** A socket of {@code user} closed here; emits the user's socket count left across all nodes. */
    public Mono<Long> close(UUID user) {
        return run(CLOSE, List.of(RealtimeKeys.userNodes(user), RealtimeKeys.nodeUsers(nodeId)),
                List.of(nodeId, user.toString()));
    }

    /** Removes a dead node's entry for {@code user}; true when that was the user's last socket anywhere. */
    Mono<Boolean> sweep(String deadNode, UUID user) {
        return run(SWEEP, List.of(RealtimeKeys.userNodes(user)), List.of(deadNode)).map(n -> n == 1);
    }

    /** Writes this node's count for {@code user} again; true when the user had no entry at all before. */
    Mono<Boolean> reassert(UUID user, int sockets) {
        return run(REASSERT, List.of(RealtimeKeys.userNodes(user), RealtimeKeys.nodeUsers(nodeId)),
                List.of(nodeId, user.toString(), Integer.toString(sockets))).map(before -> before == 0);
    }

    private Mono<Long> run(RedisScript<Long> script, List<String> keys, List<String> args) {
        return redis.execute(script, keys, args).next();
    }
}
