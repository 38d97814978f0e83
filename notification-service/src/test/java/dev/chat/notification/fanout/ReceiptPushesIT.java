package dev.chat.notification.fanout;

import static dev.chat.notification.SimulatedNodes.recipients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ConversationCreated;
import dev.chat.events.ReadCursorMoved;
import dev.chat.notification.PushBed;
import dev.chat.notification.SimulatedNodes;
import dev.chat.notification.TestEvents;
import dev.chat.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code receipt.moved} pushes of {@code chat.receipts.v1}, against real Kafka, Redis and PostgreSQL with presence
 * nodes simulated: in a group every member's sockets get every member's cursors (coalesced to the highest seq per
 * member and kind); in a channel only the member who moved gets their own.
 */
@RealInfrastructure(database = "notification_it")
class ReceiptPushesIT {

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
        bed = PushBed.start("receipts", 3);
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

    /** The receipt.moved batches of a conversation a node got. */
    private static List<JsonNode> receiptsOn(String node, UUID conversation) {
        return nodes.allOn(node).stream()
                .filter(b -> {
                    JsonNode frame = JSON.readTree(b.path("frame").asString());
                    return frame.path("type").asString().equals("receipt.moved")
                            && frame.path("conversationId").asString().equals(conversation.toString());
                })
                .toList();
    }

    /** What a client holding these frames knows: the max seq per "user/kind". */
    private static Map<String, Long> cursorsOn(String node, UUID conversation) {
        Map<String, Long> held = new HashMap<>();
        for (JsonNode batch : receiptsOn(node, conversation)) {
            JsonNode frame = JSON.readTree(batch.path("frame").asString());
            frame.path("cursors").valueStream().forEach(c -> held.merge(
                    c.path("userId").asString() + "/" + c.path("kind").asString(), c.path("seq").asLong(), Math::max));
        }
        return held;
    }

    /** Waits until the membership projection applied the conversation's creation (its "created" push arrived). */
    private static void known(UUID conversation) {
        await().atMost(WAIT).until(() -> !nodes.changesOn(nodeA, conversation).isEmpty());
    }

    private static ReadCursorMoved moved(UUID conversation, UUID user, String kind, long seq) {
        return new ReadCursorMoved(conversation, user, kind, seq, Instant.now());
    }

    @Test
    void everyMemberOfAGroupGetsEveryMembersHighestCursors() {
        UUID conv = UUID.randomUUID();
        UUID alice = nodes.userOn(nodeA);
        UUID bob = nodes.userOn(nodeB);
        UUID carol = nodes.userOn(nodeC);
        events.send(TestEvents.conversation(conv, alice, bob, carol));
        known(conv); // receipts of a conversation the projection does not know yet are skipped (hints)

        events.send(moved(conv, bob, "DELIVERED", 3));
        events.send(moved(conv, bob, "READ", 2));
        events.send(moved(conv, bob, "READ", 5));
        events.send(moved(conv, bob, "DELIVERED", 6));
        events.send(moved(conv, carol, "READ", 4));

        Map<String, Long> expected = Map.of(bob + "/DELIVERED", 6L, bob + "/READ", 5L, carol + "/READ", 4L);
        for (String node : List.of(nodeA, nodeB, nodeC)) {
            await().atMost(WAIT).until(() -> cursorsOn(node, conv).equals(expected));
        }
        assertThat(receiptsOn(nodeA, conv)).allSatisfy(batch -> {
            assertThat(recipients(batch)).containsExactly(alice.toString());
            assertThat(batch.path("conversationId").asString()).isEqualTo(conv.toString());
        });
        assertThat(receiptsOn(nodeB, conv)).allSatisfy(batch ->
                assertThat(recipients(batch)).containsExactly(bob.toString()));
    }

    @Test
    void inAChannelOnlyTheMemberWhoMovedGetsTheirOwnCursors() {
        UUID conv = UUID.randomUUID();
        UUID alice = nodes.userOn(nodeA);
        UUID bob = nodes.userOn(nodeB);
        UUID outsider = nodes.userOn(nodeC);
        events.send(new ConversationCreated(conv, ConversationCreated.CHANNEL, "news", alice, List.of(alice, bob),
                Instant.now()));
        known(conv);

        events.send(moved(conv, bob, "READ", 7));
        events.send(moved(conv, outsider, "READ", 9)); // not a member: nobody gets it
        events.send(moved(conv, alice, "READ", 8)); // the barrier: same partition, after bob's

        await().atMost(WAIT).until(() -> cursorsOn(nodeA, conv).equals(Map.of(alice + "/READ", 8L)));
        await().atMost(WAIT).until(() -> cursorsOn(nodeB, conv).equals(Map.of(bob + "/READ", 7L)));
        assertThat(cursorsOn(nodeA, conv)).as("alice never sees bob's cursor").doesNotContainKey(bob + "/READ");
        assertThat(receiptsOn(nodeC, conv)).as("the outsider gets nothing").isEmpty();
    }
}
