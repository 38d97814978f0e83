package dev.chat.notification.membership;

import static dev.chat.notification.SimulatedNodes.recipients;
import static dev.chat.notification.TestEvents.conversation;
import static dev.chat.notification.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
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

/**
 * Two notification-service pods on one database, broker and Redis. The membership consumer group applies
 * each event on one pod only; both pods' member caches must follow it.
 */
@RealInfrastructure(database = "notification_it")
class MembershipOnEveryPodIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NODE_A = "pods-a-" + RUN;
    private static final String NODE_B = "pods-b-" + RUN;
    private static final String NODE_C = "pods-c-" + RUN;

    private static ConfigurableApplicationContext podOne;
    private static ConfigurableApplicationContext podTwo;
    private static RedisClient redisClient;
    private static SimulatedNodes nodes;
    private static TestEvents events;

    @BeforeAll
    static void startTwoPods() {
        podOne = Pods.start();
        podTwo = Pods.start();
        redisClient = RedisClient.create(RedisURI.create(Redis.HOST, Redis.PORT));
        nodes = new SimulatedNodes(redisClient, NODE_A, NODE_B, NODE_C);
        events = new TestEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        nodes.close();
        redisClient.shutdown();
        podTwo.close();
        podOne.close();
    }

    @Test
    void membershipIsRightOnEveryPodAndTheFanoutPushesToTheNewMembersOnly() {
        Members one = podOne.getBean(Members.class);
        Members two = podTwo.getBean(Members.class);
        UUID conv = UUID.randomUUID();
        UUID alice = nodes.userOn(NODE_A);
        UUID bob = nodes.userOn(NODE_B);
        UUID carol = nodes.userOn(NODE_C);
        events.send(conversation(conv, alice, bob));
        // Both caches hold the first list.
        await().atMost(WAIT).until(() -> one.of(conv) != null && two.of(conv) != null);
        assertThat(one.of(conv)).containsExactlyInAnyOrder(alice, bob);
        assertThat(two.of(conv)).containsExactlyInAnyOrder(alice, bob);

        events.send(new MemberLeft(conv, bob, "LEFT", Instant.now()));
        events.send(new MemberJoined(conv, carol, "MEMBER", Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(one.of(conv)).containsExactlyInAnyOrder(alice, carol);
            assertThat(two.of(conv)).containsExactlyInAnyOrder(alice, carol);
        });

        events.send(message(conv, 1, alice));
        await().atMost(WAIT).until(() -> nodes.seqsOn(NODE_A, conv).size() == 1
                && nodes.seqsOn(NODE_C, conv).size() == 1);
        assertThat(recipients(nodes.batchesOn(NODE_A, conv).getFirst())).containsExactly(alice.toString());
        assertThat(recipients(nodes.batchesOn(NODE_C, conv).getFirst())).containsExactly(carol.toString());
        // Had bob's node got the first message, it would be there before the second reaches A.
        events.send(message(conv, 2, alice));
        await().atMost(WAIT).until(() -> nodes.seqsOn(NODE_A, conv).equals(List.of(1L, 2L)));
        assertThat(nodes.batchesOn(NODE_B, conv)).isEmpty();
    }
}
