package dev.chat.conversation;

import static org.awaitility.Awaitility.await;

import dev.chat.conversation.testing.Events;
import dev.chat.testsupport.Http;
import dev.chat.conversation.testing.StandInAuthService;
import dev.chat.events.UserRegistered;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

    /** A user with a valid token whom nobody announced (the projection does not know them). */
    protected User unknownUser() {
        UUID id = UUID.randomUUID();
        String username = "u" + id.toString().substring(0, 8);
        return new User(id, username, TestIssuer.shared().token(id, username));
    }
}
