package dev.chat.notification.membership;

import dev.chat.events.socket.RealtimeKeys;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The socket tier's view of membership: a Redis set of conversation ids per user
 * ({@code rt:user:{userId}:convs}), kept by this projection so that presence-service answers a resume
 * only with positions of the caller's own conversations. SADD and SREM are idempotent, so the projection
 * writes them before its transaction commits: a failed commit is redelivered and writes them again.
 * After Redis lost its data, {@link IndexRebuild} writes every set again from the projection.
 */
@Component
class ConversationIndex implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final RedisClient redis;
    private StatefulRedisConnection<String, String> connection;

    ConversationIndex(RedisClient redis) {
        this.redis = redis;
    }

    void joined(UUID conversationId, Collection<UUID> users) {
        RedisAsyncCommands<String, String> commands = commands();
        List<RedisFuture<?>> writes = new ArrayList<>(users.size());
        for (UUID user : users) {
            writes.add(commands.sadd(RealtimeKeys.userConversations(user), conversationId.toString()));
        }
        await(writes);
    }

    void left(UUID conversationId, UUID user) {
        await(List.of(commands().srem(RealtimeKeys.userConversations(user), conversationId.toString())));
    }

    /** Connected on first use, so the service starts while Redis is away (the projection then retries). */
    private synchronized RedisAsyncCommands<String, String> commands() {
        if (connection == null) {
            connection = redis.connect();
        }
        return connection.async();
    }

    private static void await(List<RedisFuture<?>> writes) {
        if (!LettuceFutures.awaitAll(TIMEOUT, writes.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("Redis did not acknowledge the membership index within " + TIMEOUT);
        }
    }

    @Override
    public synchronized void destroy() {
        if (connection != null) {
            connection.close();
        }
    }
}
