package dev.chat.notification.fanout;

import static dev.chat.notification.SimulatedNodes.frameText;
import static dev.chat.notification.SimulatedNodes.recipients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.DraftChanged;
import dev.chat.events.EventEnvelope;
import dev.chat.notification.PushBed;
import dev.chat.notification.SimulatedNodes;
import dev.chat.notification.TestEvents;
import dev.chat.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    private static PushBed bed;
    private static SimulatedNodes nodes;
    private static TestEvents events;
    private static String nodeA;
    private static String nodeB;
    private static String nodeC;

    @BeforeAll
    static void start() {
        bed = PushBed.start("drafts", 3);
        nodes = bed.nodes;
        events = bed.events;
        nodeA = bed.node(0);
        nodeB = bed.node(1);
        nodeC = bed.node(2);
    }

    @AfterAll
    static void stop() {
        bed.close();
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
        UUID alice = nodes.userOn(nodeA, nodeB); // two devices, on two nodes
        UUID bob = nodes.userOn(nodeA, nodeC);   // a member of the same conversation, on a node alice shares
        UUID carol = UUID.randomUUID();            // no socket anywhere
        Instant t = Instant.parse("2026-12-02T06:00:00.123456Z");

        EventEnvelope<?> saved = events.send(new DraftChanged(alice, conversation, 1, t, false));
        events.send(saved); // a redelivery: same eventId
        events.send(new DraftChanged(carol, conversation, 1, t, false));
        events.send(new DraftChanged(alice, conversation, 2, t.plusSeconds(1), true));
        events.send(new DraftChanged(alice, other, 3, t.plusSeconds(2), false)); // the barrier
        await().atMost(WAIT).until(() -> draftPushesOn(nodeA).size() >= 3 && draftPushesOn(nodeB).size() >= 3);

        List<String> expected = List.of(frame(conversation, 1, t, false),
                frame(conversation, 2, t.plusSeconds(1), true), frame(other, 3, t.plusSeconds(2), false));
        for (String node : List.of(nodeA, nodeB)) {
            List<JsonNode> got = draftPushesOn(node);
            assertThat(got).extracting(SimulatedNodes::frameText).as("on %s", node).containsExactlyElementsOf(expected);
            assertThat(got).allSatisfy(batch -> {
                assertThat(recipients(batch)).as("only alice, on %s", node).containsExactly(alice.toString());
                assertThat(batch.has("conversationId")).as("a draft notes no conversation as active").isFalse();
            });
        }
        assertThat(draftPushesOn(nodeC)).as("bob's other node").isEmpty();
        assertThat(nodes.allOn(nodeA).stream().flatMap(b -> recipients(b).stream()))
                .as("nothing for bob").doesNotContain(bob.toString());
    }
}
