package dev.chat.notification.membership;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.notification.config.NotificationProperties;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every user's conversation index ({@code rt:user:{id}:convs}) from the projection after Redis
 * lost it. {@link RealtimeKeys#EPOCH} is created (SET NX, random) by whoever finds it missing, so it
 * changes exactly when Redis lost its data; {@link RealtimeKeys#INDEX_EPOCH} says for which epoch the
 * index was last rebuilt. Every pod checks the two periodically (and right after start, on the scheduler
 * thread: neither the start nor the fan-out waits for it); when they differ, the pod that gets
 * {@link RealtimeKeys#INDEX_REBUILD_LOCK} writes the sets again, chunk by chunk of users, then sets
 * INDEX_EPOCH. A failure (Redis or the database away) is logged and retried at the next check.
 *
 * <p>Races with the projection, which writes SADD/SREM inside its transaction before the commit:
 * <ul>
 * <li>A leave that commits after a chunk read its membership would have its SREM overwritten by the
 *     chunk's SADD; a join whose SADD was lost with Redis but whose row was not yet committed when its
 *     chunk was read would be missing. Both are closed by an advisory lock: every membership transaction
 *     holds it shared, a chunk holds it exclusively from its read until its SADDs are acknowledged, so a
 *     chunk sees every membership change that wrote Redis before it, and every later change writes Redis
 *     after the chunk.</li>
 * <li>Redis lost again during a rebuild: EPOCH is recreated with a new value, the INDEX_EPOCH written at
 *     the end is the old one, and the next check rebuilds again.</li>
 * <li>Not closed: between the loss and the end of the rebuild (one check interval plus the rebuild) the
 *     index is incomplete; a reader can tell by INDEX_EPOCH != EPOCH. A projection transaction that
 *     wrote Redis and then rolled back leaves a stale entry until its redelivery applies the event (as
 *     without a rebuild). A single key lost without the epoch changing (evicted by a maxmemory policy,
 *     deleted by hand) is not noticed: the socket tier's Redis must not evict keys without a TTL.</li>
 * </ul>
 */
@Component
class IndexRebuild implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);
    private static final UUID BEFORE_EVERY_USER = new UUID(0, 0);
    /** KEYS[1] = lock, ARGV = token, ttl ms. Extends the lock only while this pod still holds it. */
    private static final String EXTEND = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";
    /** KEYS[1] = lock, ARGV[1] = token. Releases the lock only if this pod holds it. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final RedisClient client;
    private final MembershipRepository repository;
    private final TransactionTemplate tx;
    private final NotificationProperties.Index settings;
    private final Duration timeout;
    private final Timer done;
    private final Timer failed;
    /** Used by the scheduler thread only; auto-flush off, each step flushes its commands at once. */
    private volatile StatefulRedisConnection<String, String> connection;

    IndexRebuild(RedisClient client, MembershipRepository repository, TransactionTemplate tx,
                 NotificationProperties properties, MeterRegistry meters) {
        this.client = client;
        this.repository = repository;
        this.tx = tx;
        this.settings = properties.index();
        this.timeout = properties.fanout().redisTimeout();
        this.done = rebuilds(meters, "done");
        this.failed = rebuilds(meters, "failed");
    }

    private static Timer rebuilds(MeterRegistry meters, String outcome) {
        return Timer.builder("chat.notification.index.rebuilds")
                .description("Rebuilds of every user's conversation index after Redis lost it")
                .tag("outcome", outcome).register(meters);
    }

    @Scheduled(fixedDelayString = "${chat.notification.index.check-interval:5s}")
    void check() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.warn("conversation index check failed, retrying in {}: {}", settings.checkInterval(), e.toString());
            closeConnection(); // the next check starts on a fresh connection
        }
    }

    /** One check, and the rebuild if the index is behind Redis' epoch and no other pod is on it. */
    void checkNow() {
        RedisAsyncCommands<String, String> redis = commands();
        String[] epochs = epochs(redis);
        if (epochs[0] == null) {
            // Redis lost its data (or is new): a new epoch; whoever sets it first (presence-service too) wins.
            await(redis.set(RealtimeKeys.EPOCH, UUID.randomUUID().toString(), SetArgs.Builder.nx()));
            epochs = epochs(redis);
            if (epochs[0] == null) {
                throw new IllegalStateException(RealtimeKeys.EPOCH + " vanished right after SET NX");
            }
        }
        String epoch = epochs[0];
        if (epoch.equals(epochs[1])) {
            return;
        }
        String token = UUID.randomUUID().toString();
        if (await(redis.set(RealtimeKeys.INDEX_REBUILD_LOCK, token,
                SetArgs.Builder.nx().px(settings.lockTtl().toMillis()))) == null) {
            log.debug("another pod is rebuilding the conversation index");
            return;
        }
        Timer.Sample sample = Timer.start();
        try {
            long[] counts = rebuild(redis, token);
            await(redis.set(RealtimeKeys.INDEX_EPOCH, epoch));
            long nanos = sample.stop(done);
            log.info("rebuilt the conversation index of {} users ({} memberships) for epoch {} in {} ms",
                    counts[0], counts[1], epoch, Duration.ofNanos(nanos).toMillis());
        } catch (RuntimeException e) {
            sample.stop(failed);
            throw e;
        } finally {
            try {
                await(redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {RealtimeKeys.INDEX_REBUILD_LOCK},
                        token));
            } catch (RuntimeException e) {
                log.debug("could not release the rebuild lock (it expires by itself): {}", e.toString());
            }
        }
    }

    /** Every user's set again, a chunk of users at a time. Returns {users, memberships}. */
    private long[] rebuild(RedisAsyncCommands<String, String> redis, String token) {
        log.info("rebuilding the conversation index: Redis lost it or is new");
        long users = 0;
        long memberships = 0;
        UUID after = BEFORE_EVERY_USER;
        while (true) {
            UUID from = after;
            Map<UUID, List<UUID>> chunk = tx.execute(status -> {
                repository.lockIndexExclusive();
                // Read right before writing, under the lock (see the class comment), and written before it ends.
                Map<UUID, List<UUID>> read = repository.conversationsOfUsersAfter(from, settings.chunkUsers());
                write(redis, read, token);
                return read;
            });
            if (chunk.isEmpty()) {
                break;
            }
            users += chunk.size();
            for (List<UUID> conversations : chunk.values()) {
                memberships += conversations.size();
            }
            after = chunk.keySet().stream().reduce((a, b) -> b).orElseThrow();
            if (chunk.size() < settings.chunkUsers()) {
                break;
            }
        }
        return new long[] {users, memberships};
    }

    /** One pipelined round trip: a SADD per user, and the lock extended while this pod still holds it. */
    private void write(RedisAsyncCommands<String, String> redis, Map<UUID, List<UUID>> chunk, String token) {
        List<RedisFuture<?>> all = new ArrayList<>(chunk.size() + 1);
        chunk.forEach((user, conversations) -> all.add(redis.sadd(RealtimeKeys.userConversations(user),
                conversations.stream().map(UUID::toString).toArray(String[]::new))));
        RedisFuture<Long> extended = redis.eval(EXTEND, ScriptOutputType.INTEGER,
                new String[] {RealtimeKeys.INDEX_REBUILD_LOCK}, token, String.valueOf(settings.lockTtl().toMillis()));
        all.add(extended);
        flushAndAwait(all);
        for (RedisFuture<?> f : all) {
            get(f);
        }
        if (get(extended) == 0) {
            throw new IllegalStateException("lost the rebuild lock (rebuild slower than " + settings.lockTtl()
                    + "?); the next check starts over");
        }
    }

    /** {EPOCH, INDEX_EPOCH}, either null when missing. */
    private String[] epochs(RedisAsyncCommands<String, String> redis) {
        List<KeyValue<String, String>> values = await(redis.mget(RealtimeKeys.EPOCH, RealtimeKeys.INDEX_EPOCH));
        return new String[] {values.get(0).getValueOrElse(null), values.get(1).getValueOrElse(null)};
    }

    private RedisAsyncCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            connection = client.connect();
            connection.setAutoFlushCommands(false);
        }
        return connection.async();
    }

    private <T> T await(RedisFuture<T> f) {
        flushAndAwait(List.of(f));
        return get(f);
    }

    private void flushAndAwait(List<? extends RedisFuture<?>> futures) {
        connection.flushCommands();
        if (!LettuceFutures.awaitAll(timeout, futures.toArray(new RedisFuture<?>[0]))) {
            throw new IllegalStateException("Redis did not answer within " + timeout);
        }
    }

    private static <T> T get(RedisFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Redis command failed: " + e.getCause(), e.getCause());
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void destroy() {
        closeConnection();
    }
}
