package dev.chat.gateway.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayClient;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web client on the gateway's origin, with the fixture build under src/test/resources/static (it comes
 * before the real web-client build on the test class path).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebClientAssetsIT {

    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    GatewayClient client;

    @BeforeEach
    void setUp() {
        client = new GatewayClient(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/c/0b6f3a52-7f8e-4a43-9a53-3c1f0b1e9d11", "/c/x?from=link"})
    void everyPageABrowserOpensIsTheAppAndNeverCached(String path) {
        var page = client.get(path, "Accept", HTML);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw().body()).contains("data-fixture=\"gateway-test\"");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void hashedAssetsAreCachedForAYearAndSentPrecompressedToBrowsersThatAcceptIt() {
        var gzip = client.send(client.request("/assets/app-fixture1.js").header("Accept-Encoding", "gzip, br"));
        var plain = client.get("/assets/app-fixture1.js");

        assertThat(gzip.status()).isEqualTo(200);
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzip.header("Vary")).containsIgnoringCase("Accept-Encoding");
        assertThat(gzip.header("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.contentType()).contains("javascript");
        assertThat(plain.raw().body()).isEqualTo("console.log(\"fixture app\");\n");
    }

    @Test
    void filesAtTheRootAreRevalidated() {
        var icon = client.get("/fixture-icon.txt");

        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Cache-Control")).isEqualTo("no-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/nothing-here", "/assets/missing-1234.js", "/missing.png", "/actuator/nothing"})
    void whatIsNeitherAPageNorAFileIsAProblemNotTheApp(String path) {
        var response = client.get(path, "Accept", HTML);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyGetOpensThePage() {
        var post = client.send(client.request("/login").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Accept", HTML));

        assertThat(post.status()).isIn(404, 405);
        assertThat(post.contentType()).startsWith("application/problem+json");
    }
}
