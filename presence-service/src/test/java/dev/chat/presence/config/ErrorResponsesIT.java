package dev.chat.presence.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.presence.PresenceIT;
import dev.chat.presence.TestSocket;
import dev.chat.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Every error path of the service answers problem+json, whatever layer produces it. (415 and 403 have no path
 * here: no endpoint reads a body, and every authenticated caller may read presence. An expired token's 401 is
 * in SocketTierResilienceIT, which can sign one.)
 */
@PresenceIT
class ErrorResponsesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    enum Auth { NONE, VALID }

    static Stream<Arguments> errors() {
        String someone = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("GET", "/api/nowhere", Auth.VALID, null, 404),
                Arguments.of("POST", "/api/presence?userIds=" + someone, Auth.VALID, null, 405),
                Arguments.of("DELETE", "/api/presence", Auth.VALID, null, 405),
                Arguments.of("GET", "/api/presence?userIds=" + someone, Auth.VALID, "text/csv", 406),
                Arguments.of("GET", "/ws", Auth.NONE, null, 400), // not a WebSocket handshake
                Arguments.of("GET", "/api/presence?userIds=" + someone, Auth.NONE, null, 401),
                Arguments.of("GET", "/api/nowhere", Auth.NONE, null, 401),
                Arguments.of("GET", "/api/presence/%2e%2e/actuator/env", Auth.VALID, null, 400), // the firewall
                Arguments.of("GET", "/api//presence", Auth.VALID, null, 400));
    }

    @ParameterizedTest(name = "{0} {1} ({2}, Accept {3}) -> {4}")
    @MethodSource("errors")
    void everyErrorIsProblemJson(String method, String path, Auth auth, String accept, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        UUID user = UUID.randomUUID();
        switch (auth) {
            case VALID -> request.header("Authorization", "Bearer " + TestIssuer.shared().token(user, "e"));
            case NONE -> { }
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = TestSocket.JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
    }
}
