package dev.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway against stand-in upstreams, one per service, over real HTTP and WebSocket. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=2s")
class GatewayRoutingIT {

    static final Map<String, Upstream> UPSTREAMS = Map.of(
            "auth", Upstream.start("auth"),
            "conversation", Upstream.start("conversation"),
            "message", Upstream.start("message"),
            "notification", Upstream.start("notification"),
            "presence-1", Upstream.start("presence-1"),
            "presence-2", Upstream.start("presence-2"));
    static final int DEAD_PORT = freePort();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("CHAT_AUTH_URI", () -> UPSTREAMS.get("auth").uri());
        registry.add("CHAT_CONVERSATION_URI", () -> UPSTREAMS.get("conversation").uri());
        registry.add("CHAT_MESSAGE_URI", () -> UPSTREAMS.get("message").uri());
        registry.add("CHAT_NOTIFICATION_URI", () -> UPSTREAMS.get("notification").uri());
        registry.add("CHAT_MEDIA_URI", () -> "http://127.0.0.1:" + DEAD_PORT); // nobody listens there
        registry.add("spring.cloud.discovery.client.simple.instances.presence-service[0].uri",
                () -> UPSTREAMS.get("presence-1").uri());
        registry.add("spring.cloud.discovery.client.simple.instances.presence-service[1].uri",
                () -> UPSTREAMS.get("presence-2").uri());
    }

    @LocalServerPort
    int port;
    GatewayClient client;

    @BeforeEach
    void setUp() {
        client = new GatewayClient(port);
        Await.until(() -> Set.of("presence-1", "presence-2").equals(presenceNodes(4)),
                "both presence nodes passed their first health probe");
    }

    private Set<String> presenceNodes(int requests) {
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            nodes.add(client.get("/api/presence/users/x").text("service"));
        }
        return nodes;
    }

    @AfterAll
    static void stopUpstreams() {
        UPSTREAMS.values().forEach(Upstream::close);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/api/auth/login, auth",
        "/api/users/me, auth",
        "/api/users?q=al, auth",
        "/.well-known/jwks.json, auth",
        "/api/conversations, conversation",
        "/api/conversations/{id}, conversation",
        "/api/conversations/{id}/members, conversation",
        "/api/conversations/direct, conversation",
        "/api/conversations/{id}/messages, message",
        "/api/conversations/{id}/messages?afterSeq=3&limit=50, message",
        "/api/conversations/{id}/messages/{id}/reactions, message",
        "/api/messages/latest?conversationIds={id}, message",
        "/api/conversations/{id}/draft, message",
        "/api/drafts, message",
        "/api/notifications, notification",
        "/api/notifications/unread-count, notification",
    })
    void eachPathReachesTheServiceThatOwnsIt(String pathTemplate, String service) {
        String path = pathTemplate.replace("{id}", UUID.randomUUID().toString());

        var r = client.get(path);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("service")).isEqualTo(service);
        assertThat(r.text("path")).as("path and query pass unchanged").isEqualTo(path);
    }

    @Test
    void theAuthorizationHeaderPassesThroughUntouched() {
        var r = client.get("/api/conversations", "Authorization", "Bearer some.jwt.value");

        assertThat(r.text("authorization")).isEqualTo("Bearer some.jwt.value");
    }

    @Test
    void presenceRequestsAreSpreadRoundRobinOverTheNodes() {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(client.get("/api/presence/users/x").text("service"));
        }

        assertThat(nodes).containsOnly("presence-1", "presence-2");
        assertThat(nodes.get(0)).isNotEqualTo(nodes.get(1));
        assertThat(nodes.get(2)).isEqualTo(nodes.get(0));
    }

    @Test
    void webSocketsAreProxiedRoundRobinAndEachStaysOnItsNode() throws Exception {
        Set<String> nodesSeen = new LinkedHashSet<>();
        List<GatewayClient.Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sockets.add(client.openWebSocket("/ws"));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < sockets.size(); i++) {
                    String reply = sockets.get(i).exchange("hello " + i);
                    String node = reply.substring(0, reply.indexOf(':'));
                    assertThat(reply).isEqualTo(node + ":hello " + i);
                    if (round == 0) {
                        nodesSeen.add(node);
                    } else {
                        assertThat(node).as("socket %d keeps its node", i)
                                .isEqualTo(sockets.get(i).exchange("again").split(":")[0]);
                    }
                }
            }
        } finally {
            sockets.forEach(GatewayClient.Socket::close);
        }
        assertThat(nodesSeen).containsExactlyInAnyOrder("presence-1", "presence-2");
    }

    @Test
    void aWebSocketOutlivesTheHttpResponseTimeout() throws Exception {
        try (var socket = client.openWebSocket("/ws")) {
            assertThat(socket.exchange("first")).endsWith(":first");
            Thread.sleep(3_000); // longer than the 2 s HTTP response timeout of this test
            assertThat(socket.exchange("second")).endsWith(":second");
        }
    }

    /** presence-service packs frames queued together into messages of up to 64 KiB: the proxy must carry them whole. */
    @Test
    void aWebSocketMessageOf64KiBIsProxiedWhole() throws Exception {
        try (var socket = client.openWebSocket("/ws")) {
            String node = socket.exchange("hi").split(":")[0];
            String body = "x".repeat(65_536 - node.length() - 1); // the echo adds "<node>:"
            String reply = socket.exchange(body);
            assertThat(reply.length()).isEqualTo(65_536);
            assertThat(reply).isEqualTo(node + ":" + body);
        }
    }

    @Test
    void anUnknownPathAnswers404Problem() {
        var r = client.get("/api/nothing-here");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("status").asInt()).isEqualTo(404);
        assertThat(r.raw().body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void aDeadUpstreamAnswers503Problem() {
        var r = client.get("/api/media/uploads");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text("title")).isEqualTo("Service Unavailable");
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(r.raw().body()).doesNotContain("Exception", "at org.", "127.0.0.1");
    }

    @Test
    void aSlowUpstreamAnswers504ProblemAfterTheResponseTimeout() {
        var r = client.get("/api/notifications/slow");

        assertThat(r.status()).isEqualTo(504);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void corsPreflightsFromTheWebClientAreAnsweredAndOthersRefused() {
        var allowed = client.send(client.request("/api/auth/login")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        var refused = client.send(client.request("/api/auth/login")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        var simple = client.get("/api/conversations", "Origin", "http://localhost:5173");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(simple.raw().headers().allValues("Access-Control-Allow-Origin")).containsExactly("http://localhost:5173");
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
