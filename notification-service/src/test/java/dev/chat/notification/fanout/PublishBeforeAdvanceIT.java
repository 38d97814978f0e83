package dev.chat.notification.fanout;

import static dev.chat.notification.TestEvents.conversation;
import static dev.chat.notification.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.notification.Pods;
import dev.chat.notification.PrivateRedis;
import dev.chat.notification.SimulatedNodes;
import dev.chat.notification.TestEvents;
import dev.chat.testsupport.RealInfrastructure;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fan-out advances a conversation's position only with its publish: a publish Redis refused leaves
 * the position where it was, and the redelivered event is pushed, not skipped as already pushed. Runs
 * against a Redis of its own, whose ACL refuses PUBLISH for a while.
 */
@RealInfrastructure(database = "notification_it")
class PublishBeforeAdvanceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String NODE = "refused-" + UUID.randomUUID().toString().substring(0, 8);

    private static PrivateRedis privateRedis;
    private static ConfigurableApplicationContext pod;
    private static RedisClient redisClient;
    private static RedisCommands<String, String> redis;
    private static SimulatedNodes nodes;
    private static TestEvents events;

    @BeforeAll
    static void start() {
        privateRedis = PrivateRedis.onFreePort().start();
        pod = Pods.start("--spring.data.redis.port=" + privateRedis.port);
        redisClient = privateRedis.client();
        redis = redisClient.connect().sync();
        nodes = new SimulatedNodes(redisClient, NODE);
        events = new TestEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        nodes.close();
        pod.close();
        redisClient.shutdown();
        privateRedis.close();
    }

    private static Double position(UUID conversation) {
        return redis.zscore(RealtimeKeys.POSITIONS, conversation.toString());
    }

    @Test
    void anEventWhosePublishFailedIsPushedWhenRedeliveredNotSkipped() {
        UUID conv = UUID.randomUUID();
        UUID alice = nodes.userOn(NODE);
        events.send(conversation(conv, alice));
        events.send(message(conv, 1, alice));
        await().atMost(WAIT).until(() -> nodes.seqsOn(NODE, conv).equals(List.of(1L)));
        assertThat(position(conv)).isEqualTo(1.0);

        redis.aclLogReset();
        redis.aclSetuser("default", AclSetuserArgs.Builder.removeCommand(CommandType.PUBLISH));
        try {
            events.send(message(conv, 2, alice));
            await().atMost(WAIT).until(() -> redis.aclLog().stream()
                    .anyMatch(entry -> "publish".equals(entry.get("object"))));
            assertThat(position(conv)).as("position after a refused publish").isEqualTo(1.0);
        } finally {
            redis.aclSetuser("default", AclSetuserArgs.Builder.addCommand(CommandType.PUBLISH));
        }

        await().atMost(WAIT).until(() -> nodes.seqsOn(NODE, conv).contains(2L));
        assertThat(nodes.seqsOn(NODE, conv)).containsExactly(1L, 2L);
        assertThat(position(conv)).isEqualTo(2.0);
    }
}
