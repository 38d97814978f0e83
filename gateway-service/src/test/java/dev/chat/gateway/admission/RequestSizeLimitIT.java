package dev.chat.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayClient;
import dev.chat.gateway.Upstream;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A declared body over the limit is refused by the gateway itself (413 problem+json); the service never sees it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "chat.gateway.max-request-bytes=1KB")
class RequestSizeLimitIT {

    static final Upstream MEDIA = Upstream.start("media");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("CHAT_MEDIA_URI", MEDIA::uri);
    }

    @LocalServerPort
    int port;
    GatewayClient client;

    @BeforeEach
    void setUp() {
        client = new GatewayClient(port);
    }

    @AfterAll
    static void stopUpstreams() {
        MEDIA.close();
    }

    private GatewayClient.Response post(String body) {
        return client.send(client.request("/api/media/uploads").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aBodyOverTheLimitIs413ProblemAndNeverProxied() {
        long before = MEDIA.callsContaining("/api/media/uploads");

        GatewayClient.Response refused = post("x".repeat(1025));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("detail")).isEqualTo("The request body is larger than 1024 bytes.");
        assertThat(MEDIA.callsContaining("/api/media/uploads")).isEqualTo(before);

        GatewayClient.Response passed = post("x".repeat(1024));
        assertThat(passed.status()).as("at the limit: proxied, answered by the service").isNotEqualTo(413);
        assertThat(MEDIA.callsContaining("/api/media/uploads")).isEqualTo(before + 1);
    }
}
