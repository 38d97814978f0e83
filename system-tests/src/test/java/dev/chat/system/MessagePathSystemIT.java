package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The spine, end to end through the gateway: register, DM, send, push, disconnect, resume. */
class MessagePathSystemIT {

    static Stack stack;
    static Api api;
    static RedisClient redis;
    static StatefulRedisConnection<String, String> redisConnection;

    @BeforeAll
    static void startStack() {
        stack = Stack.shared();
        api = new Api(stack.gatewayUrl());
        redis = RedisClient.create("redis://" + dev.chat.testsupport.Redis.HOST + ":" + dev.chat.testsupport.Redis.PORT);
        redisConnection = redis.connect();
    }

    @AfterAll
    static void closeRedis() {
        redisConnection.close();
        redis.shutdown();
    }

    @Test
    void aMessageReachesTheOtherUsersSocketOnceAndAReconnectingClientCatchesUpInOrder() {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        SocketClient bobSocket = new SocketClient(api, stack.gatewayWsUrl(), bob);
        String dm = api.createDirect(alice, bob);

        JsonNode first = api.send(alice, dm, "hello bob");
        assertThat(first.path("seq").asLong()).isEqualTo(1);
        bobSocket.awaitApplied(dm, 1);
        JsonNode pushed = bobSocket.applied.get(dm).getFirst();
        assertThat(pushed.path("id").asString()).isEqualTo(first.path("id").asString());
        assertThat(pushed.path("body").asString()).isEqualTo("hello bob");
        assertThat(pushed.path("senderId").asString()).isEqualTo(alice.id());

        // Per-conversation order: once seq 2 is in, a duplicate push of seq 1 would already have come.
        api.send(alice, dm, "still there?");
        bobSocket.awaitApplied(dm, 2);
        assertThat(bobSocket.pushed.get(dm)).containsExactly(1L, 2L);

        Map<String, List<JsonNode>> bobsState = bobSocket.applied;
        bobSocket.close();
        JsonNode third = api.send(alice, dm, "you went offline");
        JsonNode fourth = api.send(alice, dm, "here is what you missed");
        assertThat(third.path("seq").asLong()).isEqualTo(3);
        assertThat(fourth.path("seq").asLong()).isEqualTo(4);
        // Both were fanned out while bob was away, so only resume can bring them back.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Double position = redisConnection.sync().zscore("rt:conv:positions", dm);
            return position != null && position >= 4;
        });

        try (SocketClient again = new SocketClient(api, stack.gatewayWsUrl(), bob).withState(bobsState)) {
            again.resume();
            again.awaitApplied(dm, 4);
            assertThat(again.appliedSeqs(dm)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(again.applied.get(dm).subList(2, 4)).extracting(m -> m.path("body").asString())
                    .containsExactly("you went offline", "here is what you missed");
            // What the client built from pushes and catch-up equals a fresh load of the conversation.
            assertThat(again.applied.get(dm)).isEqualTo(api.messagesAfter(bob, dm, 0));
        }
    }

    @Test
    void resendingWithTheSameClientMessageIdReturnsTheSameMessage() {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        String dm = api.createDirect(alice, bob);
        String clientMessageId = UUID.randomUUID().toString();

        Api.Response created = api.sendRaw(alice, dm, clientMessageId, "once");
        Api.Response retried = api.sendRaw(alice, dm, clientMessageId, "once");

        assertThat(created.status()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("id")).isEqualTo(created.body().path("id"));
        assertThat(api.messagesAfter(bob, dm, 0)).hasSize(1);
    }

    @Test
    void aUserOutsideAConversationCanNeitherReadNorWriteIt() {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        Api.User mallory = api.newUser("mallory");
        String dm = api.createDirect(alice, bob);
        api.send(alice, dm, "private");

        Api.Response read = api.get("/api/conversations/" + dm + "/messages", mallory.token());
        Api.Response write = api.sendRaw(mallory, dm, UUID.randomUUID().toString(), "let me in");
        Api.Response anonymous = api.get("/api/conversations/" + dm + "/messages", null);

        assertThat(read.status()).isEqualTo(404);
        assertThat(write.status()).isEqualTo(404);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(api.messagesAfter(alice, dm, 0)).extracting(m -> m.path("body").asString())
                .containsExactly("private");
    }
}
