package dev.chat.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.Await;
import dev.chat.gateway.GatewayClient;
import dev.chat.gateway.Upstream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway's global in-flight limit, set to 2 here, against a service that holds requests open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "chat.gateway.admission.max-in-flight=2")
class InFlightLimitIT {

    static final Upstream NOTIFICATION = Upstream.start("notification");
    static final Upstream PRESENCE = Upstream.start("presence");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("CHAT_NOTIFICATION_URI", NOTIFICATION::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.presence-service[0].uri", PRESENCE::uri);
    }

    @LocalServerPort
    int port;
    GatewayClient client;

    @BeforeEach
    void setUp() {
        client = new GatewayClient(port);
        Await.until(() -> "presence".equals(client.webSocketNode()), "the presence node passed its first health probe");
    }

    @AfterAll
    static void stopUpstreams() {
        NOTIFICATION.close();
        PRESENCE.close();
    }

    @Test
    void pastTheLimitARequestIsRefusedAtOnceWith503ProblemButHealthAndMetricsStillAnswer() throws Exception {
        long heldBefore = NOTIFICATION.callsContaining("/hold");
        List<CompletableFuture<GatewayClient.Response>> held = new ArrayList<>();
        try {
            held.add(client.getAsync("/api/notifications/hold"));
            held.add(client.getAsync("/api/notifications/hold"));
            Await.until(() -> NOTIFICATION.callsContaining("/hold") == heldBefore + 2, "both requests reached the service");

            var refused = client.get("/api/notifications", "Origin", "http://localhost:5173");
            var health = client.get("/actuator/health");
            var metrics = client.get("/actuator/prometheus");

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.text("detail")).contains("as many requests as it can");
            assertThat(refused.header("Access-Control-Allow-Origin")).as("a browser may read it")
                    .isEqualTo("http://localhost:5173");
            assertThat(refused.header("Access-Control-Expose-Headers")).contains("Retry-After");
            assertThat(health.status()).isEqualTo(200);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.raw().body()).contains("chat_gateway_requests_refused_total");
        } finally {
            NOTIFICATION.releaseHeld();
        }
        for (var response : held) {
            assertThat(response.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(client.get("/api/notifications").status()).as("permits come back").isEqualTo(200);
    }

    @Test
    void anOpenWebSocketHoldsNoPermit() throws Exception {
        List<GatewayClient.Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) { // one more than the limit
                sockets.add(client.openWebSocket("/ws"));
            }
            for (var socket : sockets) {
                assertThat(socket.exchange("hi")).isEqualTo("presence:hi");
            }

            assertThat(client.get("/api/notifications").status()).isEqualTo(200);
            assertThat(client.get("/api/notifications").status()).isEqualTo(200);
        } finally {
            sockets.forEach(GatewayClient.Socket::close);
        }
    }

}
