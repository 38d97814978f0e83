package dev.chat.gateway.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the Ingress (a proxy: it adds forwarding headers) may reach of the gateway's actuator: health only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProxiedActuatorGuardIT {

    @LocalServerPort
    int port;
    GatewayClient client;

    @BeforeEach
    void setUp() {
        client = new GatewayClient(port);
    }

    @Test
    void throughAProxyOnlyHealthAnswersAndMetricsAreNotFound() {
        assertThat(client.get("/actuator/prometheus", "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(404);
        assertThat(client.get("/actuator/prometheus", "Forwarded", "for=203.0.113.7").status()).isEqualTo(404);
        assertThat(client.get("/actuator", "X-Real-IP", "203.0.113.7").status()).isEqualTo(404);
        assertThat(client.get("/actuator/health", "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(200);
        assertThat(client.get("/actuator/health/readiness", "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(200);
    }

    @Test
    void calledDirectlyAsPrometheusAndTheKubeletDoItAllAnswers() {
        var metrics = client.get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("chat_gateway_requests_refused_total");
        assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}
