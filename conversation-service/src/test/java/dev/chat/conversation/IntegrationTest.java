package dev.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.conversation.testing.Events;
import dev.chat.testsupport.Http;
import dev.chat.conversation.testing.StandInAuthService;
import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.Topics;
import dev.chat.events.UserRegistered;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service on a random port with a real PostgreSQL database, a real Kafka broker, tokens from
 * {@link TestIssuer} and a {@link StandInAuthService}. One Spring context for every IT class (same config).
 */
@RealInfrastructure(database = "conversation_it", redis = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final StandInAuthService AUTH = StandInAuthService.shared();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    protected Http http;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("chat.conversation.auth-uri", AUTH::uri);
        registry.add("chat.conversation.auth-read-timeout", () -> "1s");
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    protected record User(UUID id, String username, String token) {
    }

    /** A user as auth-service would announce it, already in this service's projection. */
    protected User registeredUser() {
        User user = unknownUser();
        Events.publish(new UserRegistered(user.id(), user.username(), "Name " + user.username(), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from users where user_id = ?", Integer.class, user.id()) == 1);
        return user;
    }

    /**
     * Users written straight into the users projection, as {@link #registeredUser()} leaves them but without a
     * Kafka round trip each: for tests that need many (the Kafka path has its own tests).
     */
    protected List<User> projectedUsers(int count) {
        List<User> created = Stream.generate(this::unknownUser).limit(count).toList();
        jdbc.batchUpdate("insert into users (user_id, username, display_name) values (?, ?, ?)",
                created.stream().map(u -> new Object[] {u.id(), u.username(), "Name " + u.username()}).toList());
        return created;
    }

    protected User projectedUser() {
        return projectedUsers(1).getFirst();
    }

    /** Any method, raw JSON body (null for none): test-support's Http speaks GET and POST only. */
    protected Http.Response send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The conversation's events from Kafka, in order, up to the first that matches {@code last}: make the last
     * change of a test a known one, and everything published before it is here, nothing more.
     */
    protected static List<ChatEvent> eventsUntil(String conversationId, Predicate<ChatEvent> last) {
        List<ChatEvent> events = Events.awaitKeyed(Topics.CONVERSATIONS, conversationId,
                seen -> seen.stream().anyMatch(e -> last.test(e.payload()))).stream().map(EventEnvelope::payload).toList();
        int end = 0;
        while (!last.test(events.get(end))) {
            end++;
        }
        return events.subList(0, end + 1);
    }

    protected static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    protected static void assertProblem(Http.Response response, int status, String detail) {
        assertProblem(response, status);
        assertThat(response.json().get("detail").asString()).isEqualTo(detail);
    }

    /** userId -> role, straight from the database. */
    protected Map<UUID, String> roles(String conversationId) {
        Map<UUID, String> roles = new HashMap<>();
        jdbc.query("select user_id, role from members where conversation_id = ?::uuid",
                rs -> {
                    roles.put(rs.getObject(1, UUID.class), rs.getString(2));
                }, conversationId);
        return roles;
    }

    /** Runs the calls at once (released together) and returns their responses in call order. */
    protected static List<Http.Response> all(List<Callable<Http.Response>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Callable<Http.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }

    /** POST /api/conversations/channels with {@code body} (a map or raw JSON). */
    protected Http.Response createChannel(User owner, Object body) {
        return http.post("/api/conversations/channels", owner.token(), body);
    }

    /** A channel made through the API, by {@code owner}, with {@code members}; its id. */
    protected String channel(User owner, String name, String visibility, List<User> members) {
        Http.Response created = createChannel(owner, Map.of("name", name, "visibility", visibility,
                "memberIds", members.stream().map(User::id).toList()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** A short random tag that makes names unique across the tests sharing one database. */
    protected static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A user with a valid token whom nobody announced (the projection does not know them). */
    protected User unknownUser() {
        UUID id = UUID.randomUUID();
        String username = "u" + id.toString().substring(0, 8);
        return new User(id, username, TestIssuer.shared().token(id, username));
    }
}
