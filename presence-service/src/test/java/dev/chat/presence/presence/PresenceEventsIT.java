package dev.chat.presence.presence;

import dev.chat.events.socket.RealtimeKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.events.PresenceChanged;
import dev.chat.events.Topics;
import dev.chat.presence.PresenceIT;
import dev.chat.presence.TestSocket;
import dev.chat.presence.node.NodeId;
import dev.chat.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

@PresenceIT
class PresenceEventsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<PresenceChanged> events = new CopyOnWriteArrayList<>();
    private static volatile boolean consuming = true;
    private static Thread consumer;

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    NodeId nodeId;

    @BeforeAll
    static void consumePresenceTopic() {
        consumer = Thread.ofPlatform().daemon().start(() -> {
            try (var kafka = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.kafka.bootstrap-servers"),
                    ConsumerConfig.GROUP_ID_CONFIG, "presence-it-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500),
                    new StringDeserializer(), new StringDeserializer())) {
                kafka.subscribe(List.of(Topics.PRESENCE));
                while (consuming) {
                    for (var record : kafka.poll(Duration.ofMillis(200))) {
                        EventEnvelope<ChatEvent> envelope = EventJson.read(record.value());
                        if (envelope.payload() instanceof PresenceChanged changed) {
                            assertThat(record.key()).isEqualTo(changed.userId().toString());
                            events.add(changed);
                        }
                    }
                }
            }
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        consuming = false;
        consumer.join(Duration.ofSeconds(10));
    }

    private static List<String> statusesOf(UUID user) {
        return events.stream().filter(e -> e.userId().equals(user)).map(PresenceChanged::status).toList();
    }

    private static String token(UUID user) {
        return TestIssuer.shared().token(user, "p" + user.toString().substring(0, 6));
    }

    @Test
    void theFirstSocketPublishesOnlineAndTheLastOnePublishesOffline() {
        UUID user = UUID.randomUUID();
        TestSocket first = TestSocket.authenticated(port, token(user));
        TestSocket second = TestSocket.authenticated(port, token(user));
        await().atMost(Duration.ofSeconds(60)).until(() -> statusesOf(user).equals(List.of("ONLINE")));

        first.close();
        TestSocket third = TestSocket.authenticated(port, token(user)); // still online throughout: no event
        second.close();
        third.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> statusesOf(user).equals(List.of("ONLINE", "OFFLINE")));
        PresenceChanged offline = events.stream()
                .filter(e -> e.userId().equals(user) && e.status().equals("OFFLINE")).findFirst().orElseThrow();
        assertThat(offline.lastSeenAt()).isNotNull();
    }

    @Test
    void theEntriesOfADeadNodeAreSweptAndItsUsersWithNoOtherSocketGoOffline() {
        String dead = "dead-" + UUID.randomUUID();
        UUID onlyThere = UUID.randomUUID();
        UUID alsoHere = UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, token(alsoHere))) {
            for (UUID user : List.of(onlyThere, alsoHere)) {
                redis.opsForHash().put(RealtimeKeys.userNodes(user), dead, "1");
                redis.opsForSet().add(RealtimeKeys.nodeUsers(dead), user.toString());
            }
            redis.opsForSet().add(RealtimeKeys.NODES, dead); // announced, but with no heartbeat key: dead

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(redis.opsForSet().isMember(RealtimeKeys.NODES, dead)).isFalse();
                assertThat(redis.hasKey(RealtimeKeys.nodeUsers(dead))).isFalse();
                assertThat(redis.hasKey(RealtimeKeys.userNodes(onlyThere))).isFalse();
                assertThat(redis.opsForHash().keys(RealtimeKeys.userNodes(alsoHere))).containsExactly(nodeId.value());
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> statusesOf(onlyThere).equals(List.of("OFFLINE")));
            assertThat(statusesOf(alsoHere)).containsExactly("ONLINE");
        }
    }

    @Test
    void presenceQueryAnswersStatusAndLastSeen() throws Exception {
        UUID online = UUID.randomUUID();
        UUID wasOnline = UUID.randomUUID();
        UUID never = UUID.randomUUID();
        TestSocket.authenticated(port, token(wasOnline)).close();
        await().atMost(Duration.ofSeconds(60)).until(() -> statusesOf(wasOnline).contains("OFFLINE"));
        try (TestSocket socket = TestSocket.authenticated(port, token(online))) {
            HttpResponse<String> response = get("/api/presence?userIds=%s,%s,%s".formatted(online, wasOnline, never),
                    token(never));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode items = TestSocket.JSON.readTree(response.body()).path("items");
            assertThat(items.size()).isEqualTo(3);
            assertThat(items.get(0).path("userId").asString()).isEqualTo(online.toString());
            assertThat(items.get(0).path("status").asString()).isEqualTo("ONLINE");
            assertThat(items.get(1).path("status").asString()).isEqualTo("OFFLINE");
            assertThat(items.get(1).path("lastSeenAt").isString()).isTrue();
            assertThat(items.get(2).path("status").asString()).isEqualTo("OFFLINE");
            assertThat(items.get(2).path("lastSeenAt").isNull()).isTrue();
        }
    }

    @Test
    void presenceQueryWithoutATokenIs401ProblemJson() throws Exception {
        HttpResponse<String> response = get("/api/presence?userIds=" + UUID.randomUUID(), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(TestSocket.JSON.readTree(response.body()).path("status").asInt()).isEqualTo(401);
    }

    static Stream<String> badUserIds() {
        String one = UUID.randomUUID().toString();
        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i < PresenceController.MAX_USERS + 1; i++) {
            tooMany.append(i == 0 ? "" : ",").append(UUID.randomUUID());
        }
        return Stream.of("", "userIds", "userIds=", "userIds=%20", "userIds=%20%20,%20", "userIds=,", "userIds=%00",
                "userIds=" + one + "%00", "userIds=not-a-uuid", "userIds=1-1-1-1-1",
                "userIds=zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "userIds=" + one + ",", "userIds=" + one + ",," + one,
                "userIds=" + one + "&userIds=", "userIds=" + tooMany);
    }

    @ParameterizedTest(name = "?{0}")
    @MethodSource("badUserIds")
    void presenceQueryWithBadUserIdsIs400ProblemJsonNamingTheParameter(String query) throws Exception {
        HttpResponse<String> response = get("/api/presence?" + query, token(UUID.randomUUID()));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = TestSocket.JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("parameter").asString()).isEqualTo("userIds");
        assertThat(problem.path("detail").asString()).contains("userIds");
    }

    @Test
    void repeatedUserIdsParametersAreReadTogether() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        HttpResponse<String> response = get("/api/presence?userIds=%s&userIds=%s,%s".formatted(a, b, a),
                token(UUID.randomUUID()));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = TestSocket.JSON.readTree(response.body()).path("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(1).path("userId").asString()).isEqualTo(b.toString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
