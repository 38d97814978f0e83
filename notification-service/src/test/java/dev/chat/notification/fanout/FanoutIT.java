package dev.chat.notification.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberRoleChanged;
import dev.chat.events.OwnershipTransferred;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageEdited;
import dev.chat.events.MessagePinned;
import dev.chat.events.ReactionAdded;
import dev.chat.events.Topics;
import dev.chat.notification.membership.Members;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.Redis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fan-out against real Kafka and Redis, with presence nodes simulated the way presence-service
 * writes them (ownership hashes, heartbeat keys, rt:nodes) and their delivery channels watched with
 * PSUBSCRIBE rt:node:*. The context is closed after the class, so that the pods other test classes start
 * are the only consumers in the fan-out's and the projection's groups while they run.
 */
@SpringBootTest
@DirtiesContext
@RealInfrastructure(database = "notification_it")
class FanoutIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NODE_A = "it-a-" + RUN;
    private static final String NODE_B = "it-b-" + RUN;
    private static final String NODE_C = "it-c-" + RUN;
    /** Announced in rt:nodes but without a heartbeat: dead, must get nothing. */
    private static final String NODE_DEAD = "it-dead-" + RUN;

    private static RedisClient redisClient;
    private static RedisCommands<String, String> redis;
    private static StatefulRedisPubSubConnection<String, String> pubSub;
    private static KafkaProducer<String, String> producer;
    /** Batches received per node channel, in arrival order. */
    private static final Map<String, Queue<JsonNode>> batches = new ConcurrentHashMap<>();

    @Autowired
    Members members;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void simulateNodesAndWatchTheirChannels() {
        redisClient = RedisClient.create(RedisURI.create(Redis.HOST, Redis.PORT));
        redis = redisClient.connect().sync();
        for (String node : List.of(NODE_A, NODE_B, NODE_C)) {
            redis.set("rt:node:" + node + ":hb", "alive", SetArgs.Builder.ex(600));
        }
        redis.sadd("rt:nodes", NODE_A, NODE_B, NODE_C, NODE_DEAD);
        pubSub = redisClient.connectPubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                batches.computeIfAbsent(channel, c -> new ConcurrentLinkedQueue<>()).add(JSON.readTree(message));
            }
        });
        pubSub.sync().psubscribe("rt:node:*");
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.kafka.bootstrap-servers"),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void cleanUp() {
        producer.close(Duration.ofSeconds(10));
        pubSub.close();
        for (String node : List.of(NODE_A, NODE_B, NODE_C, NODE_DEAD)) {
            redis.del("rt:node:" + node + ":hb");
            redis.srem("rt:nodes", node);
        }
        redisClient.shutdown();
    }

    /** The user holds a socket on these nodes. */
    private static UUID userOn(String... nodes) {
        UUID user = UUID.randomUUID();
        for (String node : nodes) {
            redis.hset("rt:user:" + user + ":nodes", node, "1");
        }
        return user;
    }

    private static EventEnvelope<?> send(ChatEvent event) {
        EventEnvelope<?> envelope = EventEnvelope.wrap(event);
        send(envelope);
        return envelope;
    }

    private static void send(EventEnvelope<?> envelope) {
        try {
            producer.send(new ProducerRecord<>(envelope.topic(), envelope.key(), EventJson.write(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConversationCreated conversation(UUID id, UUID owner, UUID... others) {
        List<UUID> all = new java.util.ArrayList<>(List.of(owner));
        all.addAll(List.of(others));
        return new ConversationCreated(id, ConversationCreated.GROUP, "it", owner, all, Instant.now());
    }

    private static MessageCreated message(UUID conversation, long seq, UUID sender) {
        return new MessageCreated(UUID.randomUUID(), conversation, seq, sender, "client-" + seq, "hello " + seq,
                null, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The message-stream frames a node got for a conversation, with the recipients of each batch. */
    private static List<JsonNode> batchesOn(String node, UUID conversation) {
        return framesOn(node, conversation, "message.");
    }

    private static List<JsonNode> framesOn(String node, UUID conversation, String typePrefix) {
        return batches.getOrDefault("rt:node:" + node, new ConcurrentLinkedQueue<>()).stream()
                .filter(b -> {
                    JsonNode frame = JSON.readTree(b.path("frame").asString());
                    return frame.path("conversationId").asString().equals(conversation.toString())
                            && frame.path("type").asString().startsWith(typePrefix);
                })
                .toList();
    }

    /** The conversation.changed frames a node got for a conversation: "change:userId" with their recipients. */
    private static List<String> changesOn(String node, UUID conversation) {
        return framesOn(node, conversation, "conversation.changed").stream().map(b -> {
            JsonNode frame = JSON.readTree(b.path("frame").asString());
            String user = frame.path("userId").isNull() ? "" : frame.path("userId").asString();
            return frame.path("change").asString() + ":" + user + "->"
                    + String.join(",", recipients(b));
        }).toList();
    }

    private static List<Long> seqsOn(String node, UUID conversation) {
        return batchesOn(node, conversation).stream()
                .map(b -> JSON.readTree(b.path("frame").asString()).path("seq").asLong()).toList();
    }

    private static List<String> recipients(JsonNode batch) {
        return batch.path("recipients").valueStream().map(JsonNode::asString).toList();
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void membershipChangesReachTheSocketsOfTheMembersAndOfWhoeverLeft() {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        UUID bob = userOn(NODE_B);
        UUID carol = userOn(NODE_C);
        send(conversation(conv, alice, bob));
        await().atMost(WAIT).until(() -> changesOn(NODE_A, conv).size() == 1 && changesOn(NODE_B, conv).size() == 1);
        assertThat(changesOn(NODE_A, conv)).containsExactly("created:->" + alice);
        assertThat(changesOn(NODE_B, conv)).containsExactly("created:->" + bob);

        // The creation's own MemberJoined (same role) is no change: nothing more is pushed for it.
        send(new MemberJoined(conv, bob, "MEMBER", Instant.now()));
        send(new MemberJoined(conv, carol, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> changesOn(NODE_C, conv).size() == 1);
        send(new MemberLeft(conv, bob, "KICKED", Instant.now()));
        await().atMost(WAIT).until(() -> changesOn(NODE_B, conv).size() == 3);

        assertThat(changesOn(NODE_A, conv)).containsExactly("created:->" + alice, "member_joined:" + carol + "->" + alice,
                "member_left:" + bob + "->" + alice);
        assertThat(changesOn(NODE_B, conv)).containsExactly("created:->" + bob, "member_joined:" + carol + "->" + bob,
                "member_left:" + bob + "->" + bob);
        assertThat(changesOn(NODE_C, conv)).containsExactly("member_joined:" + carol + "->" + carol,
                "member_left:" + bob + "->" + carol);
        assertThat(batchesOn(NODE_A, conv)).as("no message frames for membership changes").isEmpty();

        send(new MemberRoleChanged(conv, carol, "ADMIN", alice, Instant.now()));
        send(new OwnershipTransferred(conv, alice, carol, Instant.now()));
        send(new ConversationDeleted(conv, carol, Instant.now()));
        await().atMost(WAIT).until(() -> changesOn(NODE_C, conv).size() == 5);

        assertThat(changesOn(NODE_C, conv)).endsWith("role_changed:" + carol + "->" + carol,
                "ownership_transferred:" + carol + "->" + carol, "deleted:->" + carol);
        await().atMost(WAIT).until(() -> changesOn(NODE_A, conv).size() == 6);
        assertThat(changesOn(NODE_A, conv)).endsWith("deleted:->" + alice);
        assertThat(changesOn(NODE_B, conv)).as("bob left before: told nothing more").hasSize(3);
        assertThat(members.of(conv)).as("a deleted conversation has no members, but is known").isEmpty();
    }

    @Test
    void theJoinsACreationListsPushNothingBeyondCreatedAlsoForADirectConversation() {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        UUID bob = userOn(NODE_B);
        send(new ConversationCreated(conv, ConversationCreated.DIRECT, null, alice, List.of(alice, bob), Instant.now()));
        // conversation-service follows a creation with one MemberJoined per member; nobody owns a DM
        send(new MemberJoined(conv, alice, "MEMBER", Instant.now()));
        send(new MemberJoined(conv, bob, "MEMBER", Instant.now()));
        send(new MemberLeft(conv, bob, "LEFT", Instant.now())); // same partition: pushed after whatever came before

        await().atMost(WAIT).until(() -> changesOn(NODE_A, conv).size() == 2);
        assertThat(changesOn(NODE_A, conv)).containsExactly("created:->" + alice, "member_left:" + bob + "->" + alice);
    }

    /** The node channel has no headers: the batch carries the record's trace and when its event happened. */
    @Test
    void aBatchCarriesItsRecordsTraceparentAndWhenItsEventHappened() throws Exception {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        send(conversation(conv, alice));
        EventEnvelope<?> envelope = EventEnvelope.wrap(message(conv, 1, alice), Instant.parse("2026-11-24T10:00:00.123Z"));
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var record = new ProducerRecord<>(envelope.topic(), envelope.key(), EventJson.write(envelope));
        record.headers().add("traceparent", traceparent.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        producer.send(record).get();

        await().atMost(WAIT).until(() -> seqsOn(NODE_A, conv).size() == 1);
        JsonNode batch = batchesOn(NODE_A, conv).getFirst();
        assertThat(batch.path("traceparent").asString()).isEqualTo(traceparent);
        assertThat(batch.path("occurredAt").asLong()).isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z").toEpochMilli());
    }

    @Test
    void aMessageReachesExactlyTheLiveNodesHoldingItsMembersSockets() {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        UUID bob = userOn(NODE_B, NODE_DEAD);
        UUID carol = userOn(NODE_C); // not a member, yet
        send(conversation(conv, alice, bob));
        MessageCreated first = message(conv, 1, alice);
        send(first);

        await().atMost(WAIT).until(() -> seqsOn(NODE_A, conv).size() == 1 && seqsOn(NODE_B, conv).size() == 1);
        JsonNode toA = batchesOn(NODE_A, conv).getFirst();
        assertThat(recipients(toA)).containsExactly(alice.toString()); // the sender's other devices too
        assertThat(recipients(batchesOn(NODE_B, conv).getFirst())).containsExactly(bob.toString());

        JsonNode frame = JSON.readTree(toA.path("frame").asString());
        assertThat(frame.path("type").asString()).isEqualTo("message.created");
        assertThat(frame.path("conversationId").asString()).isEqualTo(conv.toString());
        assertThat(frame.path("seq").asLong()).isEqualTo(1);
        JsonNode message = frame.path("message");
        assertThat(message.path("id").asString()).isEqualTo(first.messageId().toString());
        assertThat(message.path("conversationId").asString()).isEqualTo(conv.toString());
        assertThat(message.path("seq").asLong()).isEqualTo(1);
        assertThat(message.path("senderId").asString()).isEqualTo(alice.toString());
        assertThat(message.path("clientMessageId").asString()).isEqualTo("client-1");
        assertThat(message.path("body").asString()).isEqualTo("hello 1");
        assertThat(message.has("replyToId")).isTrue();
        assertThat(message.path("replyToId").isNull()).isTrue();
        assertThat(Instant.parse(message.path("createdAt").asString())).isEqualTo(first.createdAt());

        // Carol joins; the next message reaches node C. Had C (or the dead node) got the first message,
        // it would be there before this one: one conversation's batches are published in order.
        send(new MemberJoined(conv, carol, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> members.of(conv).contains(carol));
        send(message(conv, 2, bob));
        await().atMost(WAIT).until(() -> seqsOn(NODE_C, conv).equals(List.of(2L)));
        assertThat(seqsOn(NODE_A, conv)).containsExactly(1L, 2L);
        assertThat(seqsOn(NODE_B, conv)).containsExactly(1L, 2L);
        assertThat(batches.getOrDefault("rt:node:" + NODE_DEAD, new ConcurrentLinkedQueue<>())).isEmpty();
    }

    @Test
    void aRedeliveredEventIsNotPushedTwice() {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        send(conversation(conv, alice));
        double duplicatesBefore = meters.counter("chat.notification.fanout.duplicates").count();
        EventEnvelope<?> first = send(message(conv, 1, alice));
        send(first); // the same event again, as after a producer retry
        send(message(conv, 2, alice));

        await().atMost(WAIT).until(() -> seqsOn(NODE_A, conv).contains(2L));
        assertThat(seqsOn(NODE_A, conv)).containsExactly(1L, 2L);
        assertThat(meters.counter("chat.notification.fanout.duplicates").count()).isGreaterThan(duplicatesBefore);
    }

    @Test
    void aMessageThatArrivesBeforeItsConversationIsDeliveredOnceTheMembershipArrives() {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        double waitsBefore = meters.counter("chat.notification.fanout.membership.waits").count();
        send(message(conv, 1, alice));
        await().atMost(WAIT).until(() ->
                meters.counter("chat.notification.fanout.membership.waits").count() > waitsBefore);

        send(conversation(conv, alice));
        send(message(conv, 2, alice));
        await().atMost(WAIT).until(() -> seqsOn(NODE_A, conv).contains(2L));
        assertThat(seqsOn(NODE_A, conv)).containsExactly(1L, 2L);
    }

    @Test
    void aMemberWhoLeftGetsNoPushesUntilTheyJoinAgain() {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        UUID bob = userOn(NODE_B);
        send(conversation(conv, alice, bob));
        send(new MemberLeft(conv, bob, "LEFT", Instant.now()));
        await().atMost(WAIT).until(() -> members.of(conv) != null && !members.of(conv).contains(bob));
        send(message(conv, 1, alice));
        await().atMost(WAIT).until(() -> seqsOn(NODE_A, conv).contains(1L));

        send(new MemberJoined(conv, bob, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> members.of(conv).contains(bob));
        send(message(conv, 2, alice));
        await().atMost(WAIT).until(() -> seqsOn(NODE_B, conv).contains(2L));
        assertThat(seqsOn(NODE_B, conv)).containsExactly(2L);
    }

    @Test
    void theSocketTiersIndexOfEachUsersConversationsFollowsJoinsAndLeaves() {
        UUID conv = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        send(conversation(conv, alice, bob));
        await().atMost(WAIT).until(() -> redis.sismember("rt:user:" + bob + ":convs", conv.toString()));
        assertThat(redis.sismember("rt:user:" + alice + ":convs", conv.toString())).isTrue();

        send(new MemberLeft(conv, bob, "KICKED", Instant.now()));
        await().atMost(WAIT).until(() -> !redis.sismember("rt:user:" + bob + ":convs", conv.toString()));
        assertThat(redis.sismember("rt:user:" + alice + ":convs", conv.toString())).isTrue();

        send(new MemberJoined(conv, bob, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> redis.sismember("rt:user:" + bob + ":convs", conv.toString()));
    }

    @Test
    void anEditIsPushedAsMessageEditedAndAnUnreadableRecordDoesNotBlockThePartition() {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        send(conversation(conv, alice));
        MessageCreated created = message(conv, 1, alice);
        send(created);
        try {
            producer.send(new ProducerRecord<>(Topics.MESSAGES, conv.toString(), "{not json")).get();
            producer.send(new ProducerRecord<>(Topics.MESSAGES, conv.toString(),
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"FromTheFuture\",\"payload\":{}}")).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        send(new MessageEdited(conv, 2, created.messageId(), 1, "edited", alice, Instant.now()));

        await().atMost(WAIT).until(() -> seqsOn(NODE_A, conv).equals(List.of(1L, 2L)));
        JsonNode edited = JSON.readTree(batchesOn(NODE_A, conv).get(1).path("frame").asString());
        assertThat(edited.path("type").asString()).isEqualTo("message.edited");
        assertThat(edited.path("messageId").asString()).isEqualTo(created.messageId().toString());
        assertThat(edited.path("messageSeq").asLong()).isEqualTo(1);
        assertThat(edited.path("body").asString()).isEqualTo("edited");
    }

    @Test
    void aReactionAndAPinArePushedWithTheirSeqAsChangesOfTheConversationsStream() {
        UUID conv = UUID.randomUUID();
        UUID alice = userOn(NODE_A);
        UUID bob = userOn(NODE_B);
        send(conversation(conv, alice, bob));
        MessageCreated created = message(conv, 1, alice);
        send(created);
        Instant at = Instant.parse("2026-11-24T10:00:00.25Z");
        EventEnvelope<?> reaction = send(new ReactionAdded(conv, 2, created.messageId(), 1, bob, "👍", at));
        send(reaction); // redelivered: at or below the position, not pushed again
        send(new MessagePinned(conv, 3, created.messageId(), 1, alice, at));

        await().atMost(WAIT).until(() -> streamSeqsOn(NODE_B, conv).equals(List.of(1L, 2L, 3L)));
        assertThat(streamSeqsOn(NODE_A, conv)).containsExactly(1L, 2L, 3L);
        List<JsonNode> frames = framesOn(NODE_A, conv, "").stream()
                .map(b -> JSON.readTree(b.path("frame").asString())).filter(f -> f.has("seq")).toList();
        assertThat(frames.get(1).toString()).isEqualTo("{\"type\":\"reaction.added\",\"conversationId\":\"" + conv
                + "\",\"seq\":2,\"messageId\":\"" + created.messageId() + "\",\"messageSeq\":1,\"userId\":\"" + bob
                + "\",\"emoji\":\"👍\",\"at\":\"2026-11-24T10:00:00.250Z\"}");
        assertThat(frames.get(2).toString()).isEqualTo("{\"type\":\"message.pinned\",\"conversationId\":\"" + conv
                + "\",\"seq\":3,\"messageId\":\"" + created.messageId() + "\",\"messageSeq\":1,\"pinnedBy\":\""
                + alice + "\",\"pinnedAt\":\"2026-11-24T10:00:00.250Z\"}");
        assertThat(redis.zscore(dev.chat.events.socket.RealtimeKeys.POSITIONS, conv.toString()))
                .as("the position follows the stream's last change").isEqualTo(3.0);
    }

    /** The seq of every stream frame (messages, reactions, pins) a node got for a conversation, in arrival order. */
    private static List<Long> streamSeqsOn(String node, UUID conversation) {
        return framesOn(node, conversation, "").stream()
                .map(b -> JSON.readTree(b.path("frame").asString()))
                .filter(f -> f.has("seq"))
                .map(f -> f.path("seq").asLong()).toList();
    }
}
