package dev.chat.presence.socket;

import dev.chat.events.socket.RealtimeKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.presence.PresenceIT;
import dev.chat.presence.TestSocket;
import dev.chat.presence.node.NodeId;
import dev.chat.testsupport.TestIssuer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

@PresenceIT
class WebSocketProtocolIT {

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    NodeId nodeId;

    private static String token(UUID user) {
        return TestIssuer.shared().token(user, "user-" + user.toString().substring(0, 8));
    }

    @Test
    void aValidTokenGetsWelcomeAndTheSocketIsOwnedByThisNodeInRedis() {
        UUID user = UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, token(user))) {
            JsonNode welcome = socket.welcome;
            assertThat(welcome.path("userId").asString()).isEqualTo(user.toString());
            assertThat(welcome.path("nodeId").asString()).isEqualTo(nodeId.value());
            assertThat(welcome.path("sessionId").asString()).isNotBlank();
            assertThat(welcome.path("epoch").asString()).isNotBlank()
                    .isEqualTo(redis.opsForValue().get(RealtimeKeys.EPOCH));
            assertThat(redis.opsForHash().get(RealtimeKeys.userNodes(user), nodeId.value())).isEqualTo("1");
            assertThat(redis.opsForSet().isMember(RealtimeKeys.nodeUsers(nodeId.value()), user.toString())).isTrue();
            assertThat(redis.hasKey(RealtimeKeys.heartbeat(nodeId.value()))).isTrue();
            assertThat(redis.opsForSet().isMember(RealtimeKeys.NODES, nodeId.value())).isTrue();

            try (TestSocket second = TestSocket.authenticated(port, token(user))) {
                assertThat(redis.opsForHash().get(RealtimeKeys.userNodes(user), nodeId.value())).isEqualTo("2");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(redis.opsForHash().get(RealtimeKeys.userNodes(user), nodeId.value())).isEqualTo("1"));
        }
    }

    @Test
    void closingTheLastSocketRemovesTheOwnership() {
        UUID user = UUID.randomUUID();
        TestSocket socket = TestSocket.authenticated(port, token(user));
        socket.close();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(redis.hasKey(RealtimeKeys.userNodes(user))).isFalse();
            assertThat(redis.opsForSet().isMember(RealtimeKeys.nodeUsers(nodeId.value()), user.toString())).isFalse();
        });
    }

    @Test
    void aBadTokenIsClosedWith4401() {
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.send("{\"type\":\"auth\",\"token\":\"not-a-jwt\"}");
            assertThat(socket.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void anExpiredTokenOrAForeignIssuerIsClosedWith4401() {
        UUID user = UUID.randomUUID();
        String expired = TestIssuer.shared().token(user, "late", TestIssuer.shared().issuer(), Duration.ofMinutes(-5));
        String foreign = TestIssuer.shared().token(user, "stranger", "http://elsewhere.test", Duration.ofMinutes(5));
        for (String token : new String[] {expired, foreign}) {
            try (TestSocket socket = TestSocket.connect(port)) {
                socket.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
                assertThat(socket.awaitClose()).isEqualTo(4401);
            }
        }
        assertThat(redis.hasKey(RealtimeKeys.userNodes(user))).isFalse();
    }

    @Test
    void aFirstFrameThatIsNotAuthIsClosedWith4401() {
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void noAuthWithinTheTimeoutIsClosedWith4401() {
        try (TestSocket socket = TestSocket.connect(port)) {
            assertThat(socket.awaitClose()).isEqualTo(4401); // the it profile sets the timeout to 2 s
        }
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (TestSocket socket = TestSocket.authenticated(port, token(UUID.randomUUID()))) {
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void badFramesGetAnErrorFrameAndTheSocketStaysOpen() {
        try (TestSocket socket = TestSocket.authenticated(port, token(UUID.randomUUID()))) {
            String[][] cases = {
                    {"not json", "bad_frame"},
                    {"[1,2]", "bad_frame"},
                    {"{\"no\":\"type\"}", "bad_frame"},
                    {"{\"type\":\"teleport\"}", "unknown_type"},
                    {"{\"type\":\"resume\",\"positions\":[1]}", "bad_resume"},
                    {"{\"type\":\"resume\",\"positions\":{\"not-a-uuid\":1}}", "bad_resume"},
                    {"{\"type\":\"resume\",\"positions\":{\"" + UUID.randomUUID() + "\":\"x\"}}", "bad_resume"},
                    {"{\"type\":\"auth\",\"token\":\"again\"}", "already_authenticated"},
            };
            for (String[] c : cases) {
                socket.send(c[0]);
                JsonNode error = socket.next();
                assertThat(error.path("type").asString()).as(c[0]).isEqualTo("error");
                assertThat(error.path("code").asString()).as(c[0]).isEqualTo(c[1]);
                assertThat(error.path("message").asString()).isNotBlank();
            }
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().path("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void aFrameOver64KiBClosesTheSocketWith1009() {
        try (TestSocket socket = TestSocket.authenticated(port, token(UUID.randomUUID()))) {
            socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void resumeAnswersTheLatestPositionOfEachOfTheCallersConversationsAndNothingOfOthers() {
        UUID user = UUID.randomUUID();
        UUID pushed = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        UUID someoneElses = UUID.randomUUID();
        redis.opsForZSet().add(RealtimeKeys.POSITIONS, pushed.toString(), 42);
        redis.opsForZSet().add(RealtimeKeys.POSITIONS, someoneElses.toString(), 7);
        redis.opsForSet().add(RealtimeKeys.userConversations(user), pushed.toString(), quiet.toString());
        try (TestSocket socket = TestSocket.authenticated(port, token(user))) {
            socket.send("{\"type\":\"resume\",\"positions\":{\"%s\":40,\"%s\":0,\"%s\":0}}"
                    .formatted(pushed, quiet, someoneElses));
            JsonNode positions = socket.next();
            assertThat(positions.path("type").asString()).isEqualTo("positions");
            assertThat(positions.path("epoch").asString()).isNotBlank()
                    .isEqualTo(redis.opsForValue().get(RealtimeKeys.EPOCH));
            assertThat(positions.path("positions").path(pushed.toString()).asLong()).isEqualTo(42);
            assertThat(positions.path("positions").path(quiet.toString()).asLong()).isZero();
            assertThat(positions.path("positions").has(someoneElses.toString())).isFalse();
            assertThat(positions.path("positions").size()).isEqualTo(2);
        } finally {
            redis.opsForZSet().remove(RealtimeKeys.POSITIONS, pushed.toString(), someoneElses.toString());
            redis.delete(RealtimeKeys.userConversations(user));
        }
    }

    @Test
    void resumeOfTooManyConversationsIsRefusedWithAnErrorFrame() {
        StringBuilder many = new StringBuilder("{\"type\":\"resume\",\"positions\":{");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append("\":1");
        }
        many.append("}}");
        try (TestSocket socket = TestSocket.authenticated(port, token(UUID.randomUUID()))) {
            socket.send(many.toString());
            assertThat(socket.next().path("code").asString()).isEqualTo("too_many_conversations");
        }
    }
}
