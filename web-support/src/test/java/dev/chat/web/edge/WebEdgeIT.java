package dev.chat.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every error a servlet service can produce comes out as problem+json with the right status. */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.web.admission.max-concurrent=2", "chat.web.max-request-bytes=1KB"})
class WebEdgeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // HTTP/1.1: concurrent requests on separate connections (an h2c upgrade would make them wait for each other).
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestIssuer.shared()::jwksUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer.shared()::issuer);
    }

    @LocalServerPort
    int port;
    String token;

    @BeforeEach
    void token() {
        token = TestIssuer.shared().token(UUID.randomUUID(), "edge-user");
    }

    record Case(String name, String method, String path, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> badInputs() {
        return Stream.of(
                new Case("NUL in a body field", "POST", "/api/items", "{\"name\":\"a\\u0000b\"}", 400, "name"),
                new Case("control character in a list element", "POST", "/api/items",
                        "{\"name\":\"ok\",\"tags\":[\"x\",\"\\u0007\"]}", 400, "tags[1]"),
                new Case("blank required field", "POST", "/api/items", "{\"name\":\" \"}", 400, "name"),
                new Case("body that is not JSON", "POST", "/api/items", "{\"name\":", 400, null),
                new Case("wrong JSON type", "POST", "/api/items", "{\"name\":{}}", 400, "name"),
                new Case("NUL in a query parameter", "GET", "/api/items?q=a%00b", null, 400, "q"),
                new Case("blank numeric parameter", "GET", "/api/items?afterSeq=%20", null, 400, "afterSeq"),
                new Case("empty numeric parameter", "GET", "/api/items?afterSeq=", null, 400, "afterSeq"),
                new Case("malformed numeric parameter", "GET", "/api/items?afterSeq=1x", null, 400, "afterSeq"),
                new Case("malformed numeric path", "GET", "/api/items/abc", null, 400, "id"),
                new Case("encoded dot-dot in the path", "GET", "/api/items/%2e%2e/secret", null, 400, null),
                new Case("double slash in the path", "GET", "/api//items", null, 400, null),
                new Case("unknown path", "GET", "/api/nothing-here", null, 404, null),
                new Case("wrong method", "DELETE", "/api/items", null, 405, null),
                new Case("wrong content type", "POST", "/api/items?ct=text", "name=x", 415, null),
                new Case("domain refusal", "GET", "/api/items/404", null, 404, null),
                new Case("unexpected error", "GET", "/api/items/500", null, 500, null),
                new Case("body over the declared limit", "POST", "/api/items",
                        "{\"name\":\"" + "x".repeat(2000) + "\"}", 413, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputGetsProblemJsonWithTheRightStatus(Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
                .header("Authorization", "Bearer " + token);
        if (c.body() == null) {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", c.path().endsWith("ct=text") ? "text/plain" : "application/json")
                    .method(c.method(), HttpRequest.BodyPublishers.ofString(c.body()));
        }

        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(response, c.status());
        assertThat(response.body()).doesNotContain("secret internals").doesNotContain("Exception");
        if (c.field() != null) {
            JsonNode errors = JSON.readTree(response.body()).path("errors");
            assertThat(errors.valueStream().map(e -> e.path("field").asString()).toList()).contains(c.field());
        }
    }

    @Test
    void aBodyWithoutContentLengthIsCutOffAtTheLimit() throws Exception {
        byte[] big = ("{\"name\":\"" + "x".repeat(4000) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/items"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                // An InputStream publisher has no length: the body goes chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();

        assertProblem(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()), 413);
    }

    @Test
    void noTokenAnExpiredTokenAndAForeignIssuerAre401() throws Exception {
        UUID user = UUID.randomUUID();
        String expired = TestIssuer.shared().token(user, "late", TestIssuer.shared().issuer(), Duration.ofSeconds(-10));
        String foreign = TestIssuer.shared().token(user, "other", "http://elsewhere", Duration.ofMinutes(5));
        for (String t : new String[] {null, expired, foreign, "garbage"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/items"));
            if (t != null) {
                request.header("Authorization", "Bearer " + t);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void requestsBeyondTheAdmissionLimitAreRefusedAtOnceAndTheServiceRecovers() throws Exception {
        EdgeTestApplication.slow = new CountDownLatch(1);
        EdgeTestApplication.entered = new CountDownLatch(2);
        List<CompletableFuture<HttpResponse<String>>> parked = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                parked.add(CLIENT.sendAsync(get("/api/slow"), HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(EdgeTestApplication.entered.await(60, TimeUnit.SECONDS)).as("both slow requests admitted").isTrue();

            HttpResponse<String> refused = CLIENT.send(get("/api/items"), HttpResponse.BodyHandlers.ofString());

            assertProblem(refused, 503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            HttpResponse<String> health = CLIENT.send(get("/actuator/health"), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("probes are never refused").isNotEqualTo(503);
        } finally {
            EdgeTestApplication.slow.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> f : parked) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
        assertThat(CLIENT.send(get("/api/items"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(body.path("detail").asString()).isNotBlank();
    }

}
