package dev.chat.notification.fanout;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.notification.config.NotificationProperties;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The fan-out's Redis traffic, pipelined: each consumer thread has its own connection with auto-flush
 * off, queues a whole batch of commands and flushes them at once, so a poll batch costs one round trip
 * for its lookups and one for its publishes, whatever its size. A failed round trip closes the thread's
 * connection: the redelivered batch starts on a fresh one instead of queueing behind a stuck one.
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
     * @param positions the latest seq pushed per conversation; absent when none was
     * @param nodesOf   the node ids in each user's ownership hash
     * @param nodes     the live/dead node sets when asked for, else null
     */
    record Lookup(Map<UUID, Long> positions, Map<UUID, List<String>> nodesOf, Nodes nodes) {
    }

    /** ZMSCORE of the conversations' positions, HKEYS per user, and the node sets if asked: one round trip. */
    Lookup lookup(List<UUID> conversations, Set<UUID> users, boolean readNodes) {
        return failFast(() -> {
            RedisAsyncCommands<String, String> redis = commands();
            List<RedisFuture<?>> all = new ArrayList<>(users.size() + 2);
            RedisFuture<List<Double>> scores = redis.zmscore(RealtimeKeys.POSITIONS,
                    conversations.stream().map(UUID::toString).toArray(String[]::new));
            all.add(scores);
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

            Map<UUID, Long> positions = new HashMap<>();
            List<Double> read = get(scores);
            for (int i = 0; i < conversations.size(); i++) {
                if (read.get(i) != null) {
                    positions.put(conversations.get(i), read.get(i).longValue());
                }
            }
            Map<UUID, List<String>> nodesOf = new LinkedHashMap<>();
            hkeys.forEach((user, f) -> nodesOf.put(user, get(f)));
            return new Lookup(positions, nodesOf, nodes == null ? null : toNodes(get(nodes)));
        });
    }

    Nodes liveNodes() {
        return failFast(() -> {
            RedisFuture<List<Object>> f = liveNodesCommand(commands());
            flushAndAwait(List.of(f));
            return toNodes(get(f));
        });
    }

    /**
     * PUBLISH each batch, then {@code ZADD GT} each pushed conversation's new position: one round trip,
     * in MULTI/EXEC. Redis runs a connection's commands in order, so a position is never ahead of its
     * publish. MULTI/EXEC adds all-or-nothing: a connection lost mid-way leaves nothing half done, and a
     * PUBLISH refused when queued (an ACL denial) aborts the transaction, where a bare pipeline would still
     * run the ZADD after it and make the redelivered event look already pushed. Returns how many batches
     * were published.
     */
    int publishAndAdvance(List<Map.Entry<String, String>> channelAndMessage, Map<UUID, Long> positions) {
        if (channelAndMessage.isEmpty() && positions.isEmpty()) {
            return 0;
        }
        return failFast(() -> {
            RedisAsyncCommands<String, String> redis = commands();
            List<RedisFuture<?>> queued = new ArrayList<>(channelAndMessage.size() + positions.size());
            RedisFuture<String> multi = redis.multi();
            for (Map.Entry<String, String> m : channelAndMessage) {
                queued.add(redis.publish(m.getKey(), m.getValue()));
            }
            ZAddArgs greaterOnly = ZAddArgs.Builder.gt();
            positions.forEach((conversation, seq) ->
                    queued.add(redis.zadd(RealtimeKeys.POSITIONS, greaterOnly, (double) seq, conversation.toString())));
            RedisFuture<TransactionResult> exec = redis.exec();
            // Only MULTI and EXEC are awaited: the queued commands complete with EXEC, or never if it aborts.
            flushAndAwait(List.of(multi, exec));
            get(multi);
            if (get(exec).wasDiscarded()) {
                throw new FanoutRedisException("the publish transaction was discarded", null);
            }
            for (RedisFuture<?> f : queued) {
                get(f); // an error inside the transaction (a ZADD on a key of the wrong type) fails the batch
            }
            return channelAndMessage.size();
        });
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

    /** Runs one round trip; on any failure drops this thread's connection and rethrows. */
    private <T> T failFast(Supplier<T> roundTrip) {
        try {
            return roundTrip.get();
        } catch (RuntimeException e) {
            StatefulRedisConnection<String, String> c = connection.get();
            if (c != null) {
                connection.remove();
                opened.remove(c);
                c.closeAsync();
            }
            throw e;
        }
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
