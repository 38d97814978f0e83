package dev.chat.notification.membership;

import static dev.chat.notification.TestEvents.conversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.socket.RealtimeKeys;
import dev.chat.notification.Pods;
import dev.chat.notification.PrivateRedis;
import dev.chat.notification.TestEvents;
import dev.chat.testsupport.RealInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Redis loses every key; the per-user conversation index comes back from the projection. Runs against a
 * Redis of its own (FLUSHALL on the machine's Redis would hit every other test using it).
 */
@RealInfrastructure(database = "notification_it")
class ConversationIndexRebuildIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static PrivateRedis privateRedis;
    private static ConfigurableApplicationContext pod;
    private static RedisClient redisClient;
    private static RedisCommands<String, String> redis;
    private static TestEvents events;

    @BeforeAll
    static void startThePodBeforeItsRedis() {
        privateRedis = PrivateRedis.onFreePort();
        // The service starts while Redis is away; the index check retries until it is there.
        pod = Pods.start("--spring.data.redis.port=" + privateRedis.port,
                "--chat.notification.index.check-interval=200ms",
                "--chat.notification.index.chunk-users=2"); // several chunks even for a handful of users
        privateRedis.start();
        redisClient = privateRedis.client();
        redis = redisClient.connect().sync();
        events = new TestEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        pod.close();
        redisClient.shutdown();
        privateRedis.close();
    }

    private static Set<String> conversationsOf(UUID user) {
        return redis.smembers(RealtimeKeys.userConversations(user));
    }

    private static boolean indexIsCurrent() {
        String epoch = redis.get(RealtimeKeys.EPOCH);
        return epoch != null && epoch.equals(redis.get(RealtimeKeys.INDEX_EPOCH));
    }

    private static double rebuilds() {
        return pod.getBean(MeterRegistry.class).timer("chat.notification.index.rebuilds", "outcome", "done").count();
    }

    @Test
    void theIndexComesBackForExistingMembershipsAfterRedisLostEveryKey() {
        // Built on startup for a Redis that came up empty.
        await().atMost(WAIT).until(ConversationIndexRebuildIT::indexIsCurrent);

        UUID general = UUID.randomUUID();
        UUID random = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID dave = UUID.randomUUID();
        events.send(conversation(general, alice, bob));
        events.send(conversation(random, bob, carol));
        events.send(new MemberLeft(random, carol, "LEFT", Instant.now()));
        events.send(new MemberJoined(general, dave, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> conversationsOf(dave).contains(general.toString())
                && conversationsOf(bob).contains(random.toString())
                && !conversationsOf(carol).contains(random.toString()));
        String lostEpoch = redis.get(RealtimeKeys.EPOCH);
        double rebuildsBefore = rebuilds();

        redis.flushall();

        await().atMost(WAIT).until(() -> indexIsCurrent() && !lostEpoch.equals(redis.get(RealtimeKeys.EPOCH)));
        assertThat(conversationsOf(alice)).containsExactly(general.toString());
        assertThat(conversationsOf(bob)).containsExactlyInAnyOrder(general.toString(), random.toString());
        assertThat(conversationsOf(carol)).isEmpty();
        assertThat(conversationsOf(dave)).containsExactly(general.toString());
        assertThat(rebuilds()).isGreaterThan(rebuildsBefore);
        assertThat(redis.exists(RealtimeKeys.INDEX_REBUILD_LOCK)).isZero();
    }
}
