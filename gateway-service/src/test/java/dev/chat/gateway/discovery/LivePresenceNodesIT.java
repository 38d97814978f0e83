package dev.chat.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.Await;
import dev.chat.gateway.GatewayClient;
import dev.chat.gateway.Upstream;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sockets and presence requests go only to presence nodes the load balancer's health check found alive:
 * two stand-in nodes are killed (their port refuses connections), made unready and brought back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.loadbalancer.health-check.interval=500ms")
class LivePresenceNodesIT {

    static final Upstream NODE_1 = Upstream.start("node-1");
    static final Upstream NODE_2 = Upstream.start("node-2");

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.presence-service[0].uri", NODE_1::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.presence-service[1].uri", NODE_2::uri);
    }

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry breakers;
    GatewayClient client;

    @BeforeEach
    void bothNodesLive() {
        client = new GatewayClient(port);
        for (Upstream node : List.of(NODE_1, NODE_2)) {
            node.ready(true);
            node.restart();
        }
        breakers.getAllCircuitBreakers().forEach(cb -> cb.reset());
        Await.until(() -> Set.of("node-1", "node-2").equals(webSocketNodes(4)), "both nodes take sockets");
    }

    @AfterAll
    static void stopNodes() {
        NODE_1.close();
        NODE_2.close();
    }

    @Test
    void aNodeThatDiesGetsNoMoreSocketsOrPresenceRequestsOnceTheHealthCheckNoticed() {
        NODE_2.stop();

        awaitOnlyNode1();

        assertThat(webSocketNodes(6)).containsExactly("node-1");
        assertThat(presenceNodes(6)).containsExactly("node-1");
    }

    @Test
    void aNodeThatComesBackIsUsedAgain() {
        NODE_2.stop();
        awaitOnlyNode1();

        NODE_2.restart();

        Await.until(() -> webSocketNodes(2).contains("node-2"), "node-2 takes sockets again");
        assertThat(webSocketNodes(4)).containsExactlyInAnyOrder("node-1", "node-2");
        assertThat(presenceNodes(4)).containsExactlyInAnyOrder("node-1", "node-2");
    }

    @Test
    void aNodeThatIsNotReadyGetsNothing() {
        NODE_2.ready(false); // e.g. shutting down: it still listens

        awaitOnlyNode1();

        assertThat(webSocketNodes(6)).containsExactly("node-1");
        assertThat(presenceNodes(6)).containsExactly("node-1");
    }

    @Test
    void withNoLiveNodeAWebSocketUpgradeGetsA503Problem() throws Exception {
        NODE_1.stop();
        NODE_2.stop();

        Await.until(() -> rawUpgradeStatus() == 503, "the upgrade is refused with 503");
        var r = client.rawWebSocketUpgrade("/ws");
        var rest = client.get("/api/presence/users/x");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(r.headers().get("retry-after")).isEqualTo("1");
        assertThat(r.body()).contains("\"status\":503", "No instance");
        assertThat(rest.status()).isEqualTo(503);
        assertThat(rest.contentType()).startsWith("application/problem+json");
        assertThat(rest.header("Retry-After")).isNotNull();
    }

    private void awaitOnlyNode1() {
        Await.until(() -> List.of("node-1", "node-1", "node-1", "node-1").equals(webSocketNodeSequence(4)),
                "only node-1 takes sockets");
    }

    private int rawUpgradeStatus() {
        try {
            return client.rawWebSocketUpgrade("/ws").status();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The nodes {@code n} consecutive sockets landed on; null for a socket that got no node. */
    private List<String> webSocketNodeSequence(int n) {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(client.webSocketNode());
        }
        return nodes;
    }

    private Set<String> webSocketNodes(int n) {
        return new HashSet<>(webSocketNodeSequence(n));
    }

    private Set<String> presenceNodes(int n) {
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < n; i++) {
            var r = client.get("/api/presence/users/x");
            nodes.add(r.status() == 200 ? r.text("service") : "status " + r.status());
        }
        return nodes;
    }

}
