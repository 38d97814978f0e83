package dev.chat.notification;

import dev.chat.events.socket.RealtimeKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Presence nodes as presence-service writes them into a Redis (heartbeat keys, rt:nodes, ownership
 * hashes), with every node's delivery channel watched (PSUBSCRIBE rt:node:*).
 */
public final class SimulatedNodes implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final List<String> nodes;
    /** Batches received per node channel, in arrival order. */
    private final Map<String, Queue<JsonNode>> batches = new ConcurrentHashMap<>();

    public SimulatedNodes(RedisClient client, String... nodes) {
        this.redis = client.connect().sync();
        this.nodes = List.of(nodes);
        for (String node : nodes) {
            redis.set(RealtimeKeys.heartbeat(node), "alive", SetArgs.Builder.ex(600));
        }
        redis.sadd(RealtimeKeys.NODES, nodes);
        pubSub = client.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                batches.computeIfAbsent(channel, c -> new ConcurrentLinkedQueue<>()).add(JSON.readTree(message));
            }
        });
        pubSub.sync().psubscribe("rt:node:*");
    }

    /** A user holding a socket on these nodes. */
    public UUID userOn(String... onNodes) {
        UUID user = UUID.randomUUID();
        for (String node : onNodes) {
            redis.hset(RealtimeKeys.userNodes(user), node, "1");
        }
        return user;
    }

    /** The batches a node got for a conversation. */
    public List<JsonNode> batchesOn(String node, UUID conversation) {
        return batches.getOrDefault(RealtimeKeys.channel(node), new ConcurrentLinkedQueue<>()).stream()
                .filter(b -> frame(b).path("conversationId").asString().equals(conversation.toString())
                        && frame(b).path("type").asString().startsWith("message.")) // not conversation.changed
                .toList();
    }

    /** The conversation.changed batches a node got for a conversation (by the frame's conversationId). */
    public List<JsonNode> changesOn(String node, UUID conversation) {
        return batches.getOrDefault(RealtimeKeys.channel(node), new ConcurrentLinkedQueue<>()).stream()
                .filter(b -> frame(b).path("conversationId").asString().equals(conversation.toString())
                        && frame(b).path("type").asString().equals("conversation.changed"))
                .toList();
    }

    /** Every batch a node got, of any conversation. */
    public List<JsonNode> allOn(String node) {
        return List.copyOf(batches.getOrDefault(RealtimeKeys.channel(node), new ConcurrentLinkedQueue<>()));
    }

    public List<Long> seqsOn(String node, UUID conversation) {
        return batchesOn(node, conversation).stream().map(b -> frame(b).path("seq").asLong()).toList();
    }

    public static List<String> recipients(JsonNode batch) {
        return batch.path("recipients").valueStream().map(JsonNode::asString).toList();
    }

    /** The frame a batch carries, as the node writes it to the sockets. */
    public static String frameText(JsonNode batch) {
        return batch.path("frame").asString();
    }

    private static JsonNode frame(JsonNode batch) {
        return JSON.readTree(batch.path("frame").asString());
    }

    @Override
    public void close() {
        pubSub.close();
        for (String node : nodes) {
            redis.del(RealtimeKeys.heartbeat(node));
            redis.srem(RealtimeKeys.NODES, node);
        }
        redis.getStatefulConnection().close();
    }
}
