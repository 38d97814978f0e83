package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two presence nodes behind the gateway: each message goes, as one batch, to exactly the nodes holding a
 * recipient's socket. The test watches every node's delivery channel in Redis.
 */
class MultiNodeDeliverySystemIT {

    static Stack stack;
    static Api api;
    static RedisClient redis;
    static StatefulRedisPubSubConnection<String, String> watcher;
    static StatefulRedisConnection<String, String> owners;
    /** message id -> node channels that got a batch carrying it, with the batch's recipients. */
    static final Map<String, List<Batch>> batches = new ConcurrentHashMap<>();

    record Batch(String node, Set<String> recipients) {
    }

    @BeforeAll
    static void watchDeliveryChannels() {
        stack = Stack.shared();
        api = new Api(stack.gatewayUrl());
        redis = RedisClient.create("redis://" + dev.chat.testsupport.Redis.HOST + ":" + dev.chat.testsupport.Redis.PORT);
        owners = redis.connect();
        watcher = redis.connectPubSub();
        watcher.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                JsonNode batch = Api.JSON.readTree(message);
                JsonNode frame = Api.JSON.readTree(batch.path("frame").asString());
                Set<String> recipients = new java.util.HashSet<>();
                batch.path("recipients").forEach(r -> recipients.add(r.asString()));
                batches.computeIfAbsent(frame.path("message").path("id").asString(), k -> new CopyOnWriteArrayList<>())
                        .add(new Batch(channel.substring("rt:node:".length()), recipients));
            }
        });
        watcher.sync().psubscribe("rt:node:*");
    }

    @AfterAll
    static void stopWatching() {
        watcher.close();
        owners.close();
        redis.shutdown();
    }

    @Test
    void eachMessageReachesExactlyTheNodesThatHoldItsRecipientsSockets() {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        Api.User carol = api.newUser("carol");
        SocketClient aliceSocket = new SocketClient(api, stack.gatewayWsUrl(), alice);
        SocketClient bobSocket = socketOnAnotherNode(bob, aliceSocket.nodeId());
        String nodeA = aliceSocket.nodeId();
        String nodeB = bobSocket.nodeId();
        assertThat(nodeA).isNotEqualTo(nodeB);

        // alice (node A) and carol (offline): only node A may hear of it.
        String dm = api.createDirect(alice, carol);
        JsonNode whileCarolOffline = api.send(alice, dm, "carol is offline");
        aliceSocket.awaitApplied(dm, 1);

        // carol comes online on node B; the next message must reach both nodes.
        SocketClient carolSocket = socketOnAnotherNode(carol, nodeA);
        assertThat(carolSocket.nodeId()).isEqualTo(nodeB);
        JsonNode whileCarolOnline = api.send(alice, dm, "carol is online");
        carolSocket.awaitApplied(dm, 2);
        aliceSocket.awaitApplied(dm, 2);

        // Batches of one conversation are published in seq order, so seq 1's are all in by now.
        assertThat(nodesOf(whileCarolOffline)).containsExactly(nodeA);
        assertThat(batches.get(id(whileCarolOffline))).singleElement()
                .extracting(Batch::recipients).isEqualTo(Set.of(alice.id()));
        assertThat(nodesOf(whileCarolOnline)).containsExactlyInAnyOrder(nodeA, nodeB);
        assertThat(batches.get(id(whileCarolOnline))).hasSize(2)
                .allSatisfy(b -> assertThat(b.recipients()).hasSize(1))
                .anySatisfy(b -> assertThat(b).isEqualTo(new Batch(nodeA, Set.of(alice.id()))))
                .anySatisfy(b -> assertThat(b).isEqualTo(new Batch(nodeB, Set.of(carol.id()))));
        assertThat(carolSocket.pushed.get(dm)).containsExactly(2L);

        // bob (node B) is in no conversation with them: his socket got nothing.
        String bobDm = api.createDirect(bob, alice);
        api.send(bob, bobDm, "marker");
        bobSocket.awaitApplied(bobDm, 1);
        assertThat(bobSocket.pushed.keySet()).containsExactly(bobDm);

        aliceSocket.close();
        bobSocket.close();
        carolSocket.close();
    }

    /** The gateway spreads sockets round-robin; connect until one lands on a node other than {@code node}. */
    private static SocketClient socketOnAnotherNode(Api.User user, String node) {
        for (int attempt = 0; attempt < 2 * Stack.PRESENCE_NODES + 2; attempt++) {
            SocketClient socket = new SocketClient(api, stack.gatewayWsUrl(), user);
            if (!socket.nodeId().equals(node)) {
                return socket;
            }
            socket.close();
            // The node drops the user's ownership entry once it sees the close; until then it is a recipient.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> owners.sync().hget("rt:user:" + user.id() + ":nodes", node) == null);
        }
        throw new AssertionError("the gateway kept every socket of " + user.username() + " on node " + node);
    }

    private static String id(JsonNode message) {
        return message.path("id").asString();
    }

    private static List<String> nodesOf(JsonNode message) {
        return batches.getOrDefault(id(message), List.of()).stream().map(Batch::node)
                .collect(Collectors.toList());
    }
}
