package dev.chat.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayClient;
import dev.chat.gateway.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Per-route circuit breakers and time limits against real stand-in services. Each test uses its own
 * route, so each has its own breaker: a breaker opens after 4 calls of which half failed, and stays open
 * for 60 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        "resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
        "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=60s"})
class CircuitBreakerIT {

    static final Upstream AUTH = Upstream.start("auth");
    static final Upstream CONVERSATION = Upstream.start("conversation");
    static final Upstream MESSAGE = Upstream.start("message");
    static final Upstream NOTIFICATION = Upstream.start("notification");
    static final Upstream PRESENCE = Upstream.start("presence");
    static final int DEAD_PORT = freePort();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("CHAT_AUTH_URI", AUTH::uri);
        registry.add("CHAT_CONVERSATION_URI", CONVERSATION::uri);
        registry.add("CHAT_MESSAGE_URI", MESSAGE::uri);
        registry.add("CHAT_NOTIFICATION_URI", NOTIFICATION::uri);
        registry.add("CHAT_MEDIA_URI", () -> "http://127.0.0.1:" + DEAD_PORT); // nobody listens there
        registry.add("spring.cloud.discovery.client.simple.instances.presence-service[0].uri", PRESENCE::uri);
    }

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry breakers;
    GatewayClient client;

    @BeforeEach
    void setUp() {
        client = new GatewayClient(port);
    }

    @AfterAll
    static void stopUpstreams() {
        List.of(AUTH, CONVERSATION, MESSAGE, NOTIFICATION, PRESENCE).forEach(Upstream::close);
    }

    @Test
    void aServiceThatIsDownAnswers503ProblemWithRetryAfter() {
        var r = client.get("/api/media/uploads");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(503);
        assertThat(r.text("title")).isEqualTo("Service Unavailable");
        assertThat(r.text("instance")).isEqualTo("/api/media/uploads");
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(r.raw().body()).doesNotContain("Exception", "127.0.0.1");
    }

    @Test
    void aServiceTooSlowToAnswerGets504Problem() {
        var r = client.get("/api/notifications/slow");

        assertThat(r.status()).isEqualTo(504);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("title")).isEqualTo("Gateway Timeout");
    }

    @Test
    void afterEnoughFailuresTheBreakerOpensAndAnswers503WithoutCallingTheService() {
        for (int i = 0; i < 4; i++) { // the service drops the connection: the gateway got no answer
            assertThat(client.get("/api/conversations/c1/messages/drop").status()).isEqualTo(502);
        }
        long callsBefore = MESSAGE.calls().size();

        var r = client.get("/api/conversations/c1/messages");

        assertThat(breakers.circuitBreaker("messages").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("detail")).contains("not calling it");
        assertThat(r.header("Retry-After")).as("the breaker's open period").isEqualTo("60");
        assertThat(MESSAGE.calls()).as("the service saw no further call").hasSize((int) callsBefore);
        assertThat(client.get("/api/conversations/c1").status()).as("other routes are unaffected").isEqualTo(200);
    }

    @Test
    void clientErrorsFromTheServicePassThroughAndNeverOpenTheBreaker() {
        for (int i = 0; i < 8; i++) {
            var r = client.get("/api/conversations/c2?status=404");

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text("title")).as("the service's own body").isEqualTo("From conversation");
        }

        assertThat(breakers.circuitBreaker("conversations").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(client.get("/api/conversations/c2").text("service")).isEqualTo("conversation");
        assertThat(CONVERSATION.callsContaining("/api/conversations/c2")).isEqualTo(9);
    }

    @Test
    void aServiceShedding503PassesThroughUnchangedAndDoesNotOpenTheBreaker() {
        for (int i = 0; i < 8; i++) {
            var r = client.get("/api/auth/login?status=503");

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.text("detail")).isEqualTo("auth answered 503");
            assertThat(r.header("Retry-After")).isEqualTo("7");
        }

        assertThat(breakers.circuitBreaker("auth").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(client.get("/api/auth/login").text("service")).isEqualTo("auth");
        assertThat(AUTH.callsContaining("/api/auth/login")).isEqualTo(9);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
