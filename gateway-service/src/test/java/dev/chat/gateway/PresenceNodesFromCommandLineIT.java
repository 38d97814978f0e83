package dev.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The operator's way to add presence nodes: application.yml holds node [0] (CHAT_PRESENCE_URI), the
 * command line adds [1]; both must serve, HTTP and WebSocket.
 */
class PresenceNodesFromCommandLineIT {

    @Test
    void aNodeGivenOnTheCommandLineJoinsTheOneFromTheConfiguration() throws Exception {
        try (var first = Upstream.start("node-a");
             var second = Upstream.start("node-b");
             var gateway = new SpringApplicationBuilder(GatewayServiceApplication.class)
                     .properties("CHAT_PRESENCE_URI=" + first.uri())
                     .run("--server.port=0",
                             "--spring.cloud.discovery.client.simple.instances.presence-service[1].uri=" + second.uri())) {
            var client = new GatewayClient(Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port")));
            Await.until(() -> "node-a".equals(client.webSocketNode()), "node-a passed its first health probe");
            Await.until(() -> "node-b".equals(client.webSocketNode()), "node-b passed its first health probe");

            Set<String> http = new LinkedHashSet<>();
            Set<String> ws = new LinkedHashSet<>();
            for (int i = 0; i < 4; i++) {
                http.add(client.get("/api/presence/me").text("service"));
            }
            for (int i = 0; i < 4; i++) { // one round-robin sequence: interleaving would pin each kind to a node
                try (var socket = client.openWebSocket("/ws")) {
                    ws.add(socket.exchange("ping").split(":")[0]);
                }
            }

            assertThat(http).containsExactlyInAnyOrder("node-a", "node-b");
            assertThat(ws).containsExactlyInAnyOrder("node-a", "node-b");
        }
    }
}
