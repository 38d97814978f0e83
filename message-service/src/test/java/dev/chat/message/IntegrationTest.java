package dev.chat.message;

import static org.awaitility.Awaitility.await;

import dev.chat.events.ConversationCreated;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import dev.chat.message.testing.StandInConversationService;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service on a random port with a real PostgreSQL database, a real Kafka broker, tokens from
 * {@link TestIssuer} and a {@link StandInConversationService}. One Spring context for every IT class.
 */
@RealInfrastructure(database = "message_it", redis = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final StandInConversationService CONVERSATIONS = StandInConversationService.shared();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    protected Http http;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("chat.message.conversation-uri", CONVERSATIONS::uri);
        registry.add("chat.message.conversation-read-timeout", () -> "1s");
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    protected record User(UUID id, String token) {
    }

    protected static User user() {
        UUID id = UUID.randomUUID();
        return new User(id, TestIssuer.shared().token(id, "u" + id.toString().substring(0, 8)));
    }

    /** A group conversation as conversation-service announces it, already in the membership projection. */
    protected UUID conversationOf(User... members) {
        UUID id = UUID.randomUUID();
        List<UUID> memberIds = Arrays.stream(members).map(User::id).toList();
        Events.publish(new ConversationCreated(id, ConversationCreated.GROUP, "t", memberIds.getFirst(), memberIds,
                Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from members where conversation_id = ?", Integer.class, id) == members.length);
        return id;
    }

    protected Http.Response send(UUID conversationId, User sender, String clientMessageId, String body) {
        return http.post("/api/conversations/" + conversationId + "/messages", sender.token(),
                Map.of("clientMessageId", clientMessageId, "body", body));
    }

    protected Http.Response history(UUID conversationId, User reader, String query) {
        return http.get("/api/conversations/" + conversationId + "/messages" + (query.isEmpty() ? "" : "?" + query),
                reader.token());
    }
}
