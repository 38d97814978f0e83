package dev.chat.notification.fanout;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.notification.config.NotificationProperties;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The fan-out's Redis traffic, pipelined: each consumer thread has its own connection with auto-flush
 * off, queues a whole batch of commands and flushes them at once, so a poll batch costs one round trip
 * for its lookups and one for its publishes, whatever its size.
 */
@Component
class FanoutRedis implements DisposableBean {

    /** KEYS[1] = rt:nodes. Returns {live node ids, dead node ids} by their heartbeat keys. */
    private static final String LIVE_NODES = """
            local live, dead = {}, {}
            for _, n in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if redis.call('EXISTS', 'rt:node:' .. n .. ':hb') == 1 then live[#live + 1] = n
              else dead[#dead + 1] = n end
            end
            return {live, dead}""";

    private final RedisClient client;
    private final Duration timeout;
    private final ThreadLocal<StatefulRedisConnection<String, String>> connection = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<StatefulRedisConnection<String, String>> opened =
            new ConcurrentLinkedQueue<>();

    FanoutRedis(RedisClient client, NotificationProperties properties) {
        this.client = client;
        this.timeout = properties.fanout().redisTimeout();
    }

    record Nodes(Set<String> live, Set<String> dead) {
    }

    /**
     * @param changed  per position: true when ZADD GT moved the conversation's position (a new event),
     *                 false when it was already there (a redelivery: do not push again)
     * @param nodesOf  the node ids in each user's ownership hash
     * @param nodes    the live/dead node sets when asked for, else null
     */
    record Lookup(boolean[] changed, Map<UUID, List<String>> nodesOf, Nodes nodes) {
    }

    record Position(UUID conversationId, long seq) {
    }

    /** ZADD GT CH per position, HKEYS per user, and the node sets if asked: one round trip. */
    Lookup lookup(List<Position> positions, Set<UUID> users, boolean readNodes) {
        RedisAsyncCommands<String, String> redis = commands();
        List<RedisFuture<?>> all = new ArrayList<>(positions.size() + users.size() + 1);
        List<RedisFuture<Long>> zadds = new ArrayList<>(positions.size());
        ZAddArgs greaterOnly = ZAddArgs.Builder.gt().ch();
        for (Position p : positions) {
            RedisFuture<Long> f = redis.zadd(RealtimeKeys.POSITIONS, greaterOnly, (double) p.seq(),
                    p.conversationId().toString());
            zadds.add(f);
            all.add(f);
        }
        Map<UUID, RedisFuture<List<String>>> hkeys = new LinkedHashMap<>();
        for (UUID user : users) {
            RedisFuture<List<String>> f = redis.hkeys(RealtimeKeys.userNodes(user));
            hkeys.put(user, f);
            all.add(f);
        }
        RedisFuture<List<Object>> nodes = readNodes ? liveNodesCommand(redis) : null;
        if (nodes != null) {
            all.add(nodes);
        }
        flushAndAwait(all);

        boolean[] changed = new boolean[positions.size()];
        for (int i = 0; i < changed.length; i++) {
            changed[i] = get(zadds.get(i)) > 0;
        }
        Map<UUID, List<String>> nodesOf = new LinkedHashMap<>();
        hkeys.forEach((user, f) -> nodesOf.put(user, get(f)));
        return new Lookup(changed, nodesOf, nodes == null ? null : toNodes(get(nodes)));
    }

    Nodes liveNodes() {
        RedisFuture<List<Object>> f = liveNodesCommand(commands());
        flushAndAwait(List.of(f));
        return toNodes(get(f));
    }

    /** PUBLISH each batch to its channel; one round trip. Returns how many were published. */
    int publish(List<Map.Entry<String, String>> channelAndMessage) {
        if (channelAndMessage.isEmpty()) {
            return 0;
        }
        RedisAsyncCommands<String, String> redis = commands();
        List<RedisFuture<?>> all = new ArrayList<>(channelAndMessage.size());
        for (Map.Entry<String, String> m : channelAndMessage) {
            all.add(redis.publish(m.getKey(), m.getValue()));
        }
        flushAndAwait(all);
        for (RedisFuture<?> f : all) {
            get(f);
        }
        return all.size();
    }

    private RedisFuture<List<Object>> liveNodesCommand(RedisAsyncCommands<String, String> redis) {
        return redis.eval(LIVE_NODES, ScriptOutputType.MULTI, RealtimeKeys.NODES);
    }

    @SuppressWarnings("unchecked")
    private static Nodes toNodes(List<Object> reply) {
        return new Nodes(new HashSet<>((List<String>) reply.get(0)), new HashSet<>((List<String>) reply.get(1)));
    }

    private RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection.get();
        if (c == null || !c.isOpen()) {
            c = client.connect();
            c.setAutoFlushCommands(false); // this thread's own connection: batches are flushed explicitly
            connection.set(c);
            opened.add(c);
        }
        return c.async();
    }

    private void flushAndAwait(List<? extends RedisFuture<?>> futures) {
        connection.get().flushCommands();
        if (!LettuceFutures.awaitAll(timeout, futures.toArray(new RedisFuture<?>[0]))) {
            throw new FanoutRedisException("Redis did not answer within " + timeout, null);
        }
    }

    private static <T> T get(RedisFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FanoutRedisException("interrupted", e);
        } catch (ExecutionException e) {
            throw new FanoutRedisException("Redis command failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void destroy() {
        opened.forEach(StatefulRedisConnection::close);
    }

    static class FanoutRedisException extends RuntimeException {
        FanoutRedisException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
