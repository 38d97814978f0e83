package dev.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationsIT extends IntegrationTest {

    @Test
    void probesMetricsAndApiDocsArePublic() {
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus", null).body()).contains("resilience4j_circuitbreaker_state");
        assertThat(http.get("/v3/api-docs", null).body()).contains("/api/conversations/direct");
    }
}
