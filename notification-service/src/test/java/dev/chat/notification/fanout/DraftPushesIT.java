package dev.chat.notification.fanout;

import static dev.chat.notification.SimulatedNodes.frameText;
import static dev.chat.notification.SimulatedNodes.recipients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.DraftChanged;
import dev.chat.events.EventEnvelope;
import dev.chat.notification.Pods;
import dev.chat.notification.SimulatedNodes;
import dev.chat.notification.TestEvents;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.Redis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code draft.changed} pushes of chat.drafts.v1, against real Kafka, Redis and PostgreSQL, with presence nodes
 * simulated as presence-service writes them. One user's events share a key, so they are handled in order: once the
 * last one (a barrier) arrived, every push before it has arrived too, and "nothing more" can be asserted.
 */
@RealInfrastructure(database = "notification_it")
class DraftPushesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NODE_A = "drafts-a-" + RUN;
    private static final String NODE_B = "drafts-b-" + RUN;
    private static final String NODE_C = "drafts-c-" + RUN;

    private static ConfigurableApplicationContext pod;
    private static RedisClient redisClient;
    private static SimulatedNodes nodes;
    private static TestEvents events;

    @BeforeAll
    static void start() {
        pod = Pods.start();
        redisClient = RedisClient.create(RedisURI.create(Redis.HOST, Redis.PORT));
        nodes = new SimulatedNodes(redisClient, NODE_A, NODE_B, NODE_C);
        events = new TestEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        nodes.close();
        redisClient.shutdown();
        pod.close();
    }

    /** The draft.changed batches a node got. */
    private static List<JsonNode> draftPushesOn(String node) {
        return nodes.allOn(node).stream()
                .filter(b -> JSON.readTree(frameText(b)).path("type").asString().equals("draft.changed"))
                .toList();
    }

    private static String frame(UUID conversation, long version, Instant at, boolean cleared) {
        return "{\"type\":\"draft.changed\",\"conversationId\":\"" + conversation + "\",\"version\":" + version
                + ",\"updatedAt\":\"" + at + "\",\"cleared\":" + cleared + "}";
    }

    @Test
    void eachDraftChangeReachesEverySocketOfThatUserAndNobodyElseOnceEvenWhenRedelivered() {
        UUID conversation = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID alice = nodes.userOn(NODE_A, NODE_B); // two devices, on two nodes
        UUID bob = nodes.userOn(NODE_A, NODE_C);   // a member of the same conversation, on a node alice shares
        UUID carol = UUID.randomUUID();            // no socket anywhere
        Instant t = Instant.parse("2026-12-02T06:00:00.123456Z");

        EventEnvelope<?> saved = events.send(new DraftChanged(alice, conversation, 1, t, false));
        events.send(saved); // a redelivery: same eventId
        events.send(new DraftChanged(carol, conversation, 1, t, false));
        events.send(new DraftChanged(alice, conversation, 2, t.plusSeconds(1), true));
        events.send(new DraftChanged(alice, other, 3, t.plusSeconds(2), false)); // the barrier
        await().atMost(WAIT).until(() -> draftPushesOn(NODE_A).size() >= 3 && draftPushesOn(NODE_B).size() >= 3);

        List<String> expected = List.of(frame(conversation, 1, t, false),
                frame(conversation, 2, t.plusSeconds(1), true), frame(other, 3, t.plusSeconds(2), false));
        for (String node : List.of(NODE_A, NODE_B)) {
            List<JsonNode> got = draftPushesOn(node);
            assertThat(got).extracting(SimulatedNodes::frameText).as("on %s", node).containsExactlyElementsOf(expected);
            assertThat(got).allSatisfy(batch -> {
                assertThat(recipients(batch)).as("only alice, on %s", node).containsExactly(alice.toString());
                assertThat(batch.has("conversationId")).as("a draft notes no conversation as active").isFalse();
            });
        }
        assertThat(draftPushesOn(NODE_C)).as("bob's other node").isEmpty();
        assertThat(nodes.allOn(NODE_A).stream().flatMap(b -> recipients(b).stream()))
                .as("nothing for bob").doesNotContain(bob.toString());
    }
}
