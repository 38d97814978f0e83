package dev.chat.message;

import static org.awaitility.Awaitility.await;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.message.testing.Events;
import dev.chat.message.testing.MoreHttp;
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

    /** A group whose members have each role: the owner, an admin and two plain members. */
    protected record Group(UUID id, User owner, User admin, User member, User otherMember) {
    }

    protected Group groupWithRoles() {
        User owner = user();
        User admin = user();
        User member = user();
        User other = user();
        UUID id = UUID.randomUUID();
        applied(new ConversationCreated(id, ConversationCreated.GROUP, "t", owner.id(),
                        List.of(owner.id(), admin.id(), member.id(), other.id()), Instant.now()),
                new MemberJoined(id, owner.id(), "OWNER", Instant.now()),
                new MemberJoined(id, admin.id(), "ADMIN", Instant.now()),
                new MemberJoined(id, member.id(), "MEMBER", Instant.now()),
                new MemberJoined(id, other.id(), "MEMBER", Instant.now()));
        return new Group(id, owner, admin, member, other);
    }

    /** A direct conversation of two members, as conversation-service announces it. */
    protected UUID direct(User a, User b) {
        UUID id = UUID.randomUUID();
        applied(new ConversationCreated(id, ConversationCreated.DIRECT, null, a.id(), List.of(a.id(), b.id()),
                        Instant.now()),
                new MemberJoined(id, a.id(), "MEMBER", Instant.now()),
                new MemberJoined(id, b.id(), "MEMBER", Instant.now()));
        return id;
    }

    /**
     * Publishes the events in order (give them one conversation, hence one key) and returns once the projection
     * applied the last one: its dedupe marker commits with its effect, and the ones before it were applied first.
     */
    protected void applied(ChatEvent... events) {
        EventEnvelope<?> last = null;
        for (ChatEvent event : events) {
            last = Events.publish(event);
        }
        UUID lastId = last.eventId();
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from consumed_events where event_id = ?)", Boolean.class, lastId)));
    }

    /** A refusal: this status, answered as problem+json. */
    protected static void assertProblem(Http.Response response, int status) {
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.contentType()).startsWith("application/problem+json");
    }

    protected Http.Response send(UUID conversationId, User sender, String clientMessageId, String body) {
        return http.post("/api/conversations/" + conversationId + "/messages", sender.token(),
                Map.of("clientMessageId", clientMessageId, "body", body));
    }

    protected Http.Response edit(UUID conversationId, User editor, String messageId, String body) {
        return MoreHttp.patch(port, "/api/conversations/" + conversationId + "/messages/" + messageId, editor.token(),
                Map.of("body", body));
    }

    protected Http.Response delete(UUID conversationId, User deleter, String messageId) {
        return MoreHttp.delete(port, "/api/conversations/" + conversationId + "/messages/" + messageId,
                deleter.token());
    }

    /** PUT (add) or DELETE (remove) a reaction; the emoji is URL-encoded into the path. */
    protected Http.Response react(UUID conversationId, User user, String messageId, String emoji, boolean add) {
        String path = "/api/conversations/" + conversationId + "/messages/" + messageId + "/reactions/"
                + java.net.URLEncoder.encode(emoji, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return add ? MoreHttp.put(port, path, user.token()) : MoreHttp.delete(port, path, user.token());
    }

    /** PUT (pin) or DELETE (unpin) a message's pin. */
    protected Http.Response pin(UUID conversationId, User user, String messageId, boolean pin) {
        String path = "/api/conversations/" + conversationId + "/messages/" + messageId + "/pin";
        return pin ? MoreHttp.put(port, path, user.token()) : MoreHttp.delete(port, path, user.token());
    }

    protected Http.Response changes(UUID conversationId, User reader, String query) {
        return http.get("/api/conversations/" + conversationId + "/changes" + (query.isEmpty() ? "" : "?" + query),
                reader.token());
    }

    protected long lastChangeSeq(UUID conversationId) {
        return jdbc.query("select last_seq from conversation_seq where conversation_id = ?",
                (rs, i) -> rs.getLong(1), conversationId).stream().findFirst().orElse(0L);
    }

    protected Http.Response history(UUID conversationId, User reader, String query) {
        return http.get("/api/conversations/" + conversationId + "/messages" + (query.isEmpty() ? "" : "?" + query),
                reader.token());
    }
}
