package dev.chat.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayClient;
import dev.chat.gateway.Upstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The moments between a node's death and the next health probe, stretched to a minute: the load balancer
 * still lists the dead node, and a presence request it picks is retried once on the next node (the
 * connection was refused, so nothing was sent). Answers are never retried.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.loadbalancer.health-check.interval=60s")
class NodeKilledBetweenProbesIT {

    static final Upstream NODE_1 = Upstream.start("node-1");
    static final Upstream NODE_2 = Upstream.start("node-2");

    @DynamicPropertySource
    static void nodes(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.presence-service[0].uri", NODE_1::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.presence-service[1].uri", NODE_2::uri);
    }

    @LocalServerPort
    int port;
    GatewayClient client;

    @BeforeEach
    void setUp() {
        client = new GatewayClient(port);
    }

    @AfterAll
    static void stopNodes() {
        NODE_1.close();
        NODE_2.close();
    }

    @Test
    void aPresenceRequestThatMeetsANodeKilledSinceTheLastProbeIsServedByTheOther() {
        NODE_2.stop();
        try {
            for (int i = 0; i < 6; i++) {
                var r = client.get("/api/presence/users/x");

                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text("service")).isEqualTo("node-1");
            }
        } finally {
            NODE_2.restart();
        }
    }

    @Test
    void aNodesErrorAnswerIsPassedOnNotRetried() {
        var r = client.get("/api/presence/users/y?status=503");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(NODE_1.callsContaining("status=503") + NODE_2.callsContaining("status=503")).isEqualTo(1);
    }
}
