package dev.chat.auth.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.auth.AuthClient;
import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.events.Topics;
import dev.chat.events.UserRegistered;
import dev.chat.testsupport.KafkaBroker;
import dev.chat.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealInfrastructure(database = "auth_it", testIssuer = false, redis = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationIT {

    @LocalServerPort
    int port;
    AuthClient client;

    @BeforeEach
    void setUp() {
        client = new AuthClient(port);
    }

    @Test
    void registeringAnswersTheUserAndPublishesUserRegisteredKeyedByUserId() {
        String username = "Reg_" + UUID.randomUUID().toString().substring(0, 8);
        var r = client.post("/api/auth/register",
                Map.of("username", username, "password", "correct horse", "displayName", "  Reg User  "));

        assertThat(r.status()).isEqualTo(201);
        String userId = r.text("userId");
        assertThat(r.text("username")).isEqualTo(username.toLowerCase());
        assertThat(r.text("displayName")).isEqualTo("Reg User");
        assertThat(r.raw().headers().firstValue("Location")).hasValue("/api/users/" + userId);

        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "auth-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USERS));
            List<ConsumerRecord<String, String>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(rec -> {
                    if (userId.equals(rec.key())) {
                        mine.add(rec);
                    }
                });
                return !mine.isEmpty();
            });
            EventEnvelope<ChatEvent> envelope = EventJson.read(mine.getFirst().value());
            assertThat(envelope.key()).isEqualTo(userId);
            assertThat(envelope.payload()).isEqualTo(new UserRegistered(UUID.fromString(userId),
                    username.toLowerCase(), "Reg User", ((UserRegistered) envelope.payload()).registeredAt()));
        }
    }

    @Test
    void aTakenUsernameInAnyCaseAnswers409() {
        String username = client.registerFreshUser("dup", "password123");

        var again = client.post("/api/auth/register",
                Map.of("username", username.toUpperCase(), "password", "password456", "displayName", "Other"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.text("title")).isEqualTo("Username taken");
    }

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                Arguments.of(Map.of("username", "ab", "password", "password123", "displayName", "x"), "username"),
                Arguments.of(Map.of("username", "a".repeat(33), "password", "password123", "displayName", "x"), "username"),
                Arguments.of(Map.of("username", "has space", "password", "password123", "displayName", "x"), "username"),
                Arguments.of(Map.of("username", "ok_name", "password", "short", "displayName", "x"), "password"),
                Arguments.of(Map.of("username", "ok_name", "password", "p".repeat(129), "displayName", "x"), "password"),
                Arguments.of(Map.of("username", "ok_name", "password", "password123", "displayName", " "), "displayName"),
                Arguments.of(Map.of("username", "ok_name", "password", "password123", "displayName", "d".repeat(65)),
                        "displayName"),
                Arguments.of(Map.of("password", "password123", "displayName", "x"), "username"));
    }

    @ParameterizedTest
    @MethodSource("invalidRegistrations")
    void invalidInputAnswers400ProblemWithTheFieldError(Map<String, String> body, String badField) {
        var r = client.post("/api/auth/register", body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("errors").valueStream().map(e -> e.path("field").asString()))
                .contains(badField);
    }

    @Test
    void aLongPasswordCountsInFull() {
        String longPassword = "x".repeat(100) + "A";
        String username = client.registerFreshUser("long", longPassword);

        // bcrypt alone would only read the first 72 bytes and accept this too.
        assertThat(client.login(username, "x".repeat(100) + "B").status()).isEqualTo(401);
        assertThat(client.login(username, longPassword).status()).isEqualTo(200);
    }

    @Test
    void malformedJsonAndWrongContentTypeAnswerProblems() {
        var malformed = client.post("/api/auth/register", "{not json", "application/json");
        var wrongType = client.post("/api/auth/register", "username=x", "application/x-www-form-urlencoded");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
    }
}
