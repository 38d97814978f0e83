package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Bad input against every service, through the gateway as a client sends it: each gets a clear
 * problem+json answer with the right status (never a 500, never another error shape), and nothing of it
 * is written. One row per (endpoint, kind of bad input).
 */
class BadInputSystemIT {

    static Api api;
    static Stack stack;
    static Api.User alice;
    static Api.User bob;
    static String dm;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String NUL = "a\u0000b";
    /** A JSON body of 20 MB: a string field, so only its size is wrong. */
    static final String HUGE = "{\"username\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}";

    @BeforeAll
    static void users() {
        stack = Stack.shared();
        api = new Api(stack.gatewayUrl());
        alice = api.newUser("badin");
        bob = api.newUser("badin");
        dm = api.createDirect(alice, bob);
    }

    /** as: who calls (null = no token); body: JSON text or null for a GET. */
    record Case(String name, String method, String path, String body, boolean withToken, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String json(Object value) {
        return Api.JSON.writeValueAsString(value);
    }

    static Stream<Case> cases() {
        String messages = "/api/conversations/{dm}/messages";
        List<Case> cases = new ArrayList<>(List.of(
                // NUL in a string, each service that stores or searches text
                new Case("login: NUL in the username", "POST", "/api/auth/login",
                        json(java.util.Map.of("username", NUL, "password", "whatever-long")), false, 400),
                new Case("register: NUL in the display name", "POST", "/api/auth/register",
                        json(java.util.Map.of("username", "nul_" + UUID.randomUUID().toString().substring(0, 8),
                                "password", "long enough password", "displayName", NUL)), false, 400),
                new Case("user search: NUL in q", "GET", "/api/users?q=a%00b", null, true, 400),
                new Case("group: NUL in the title", "POST", "/api/conversations",
                        "{\"type\":\"GROUP\",\"title\":\"a\\u0000b\",\"memberIds\":[\"{bob}\"]}", true, 400),
                new Case("message: NUL in the body", "POST", messages,
                        json(java.util.Map.of("clientMessageId", UUID.randomUUID().toString(), "body", NUL)), true, 400),
                new Case("media: NUL in the file name", "POST", "/api/media/uploads",
                        json(java.util.Map.of("filename", NUL, "contentType", "image/png", "sizeBytes", 10)), true, 400),
                // presence's ids
                new Case("presence: blank userIds", "GET", "/api/presence?userIds=%20", null, true, 400),
                new Case("presence: a lone comma", "GET", "/api/presence?userIds=,", null, true, 400),
                new Case("presence: NUL", "GET", "/api/presence?userIds=%00", null, true, 400),
                new Case("presence: not a UUID", "GET", "/api/presence?userIds=nope", null, true, 400),
                // numbers that are not numbers
                new Case("history: blank afterSeq", "GET", messages + "?afterSeq=%20", null, true, 400),
                new Case("history: malformed afterSeq", "GET", messages + "?afterSeq=1e", null, true, 400),
                new Case("history: blank limit", "GET", messages + "?limit=", null, true, 400),
                new Case("conversations: malformed limit", "GET", "/api/conversations?limit=x", null, true, 400),
                // bodies too large, refused before they are read
                new Case("register: 20 MB body", "POST", "/api/auth/register", HUGE, false, 413),
                new Case("group: 20 MB body", "POST", "/api/conversations", HUGE, true, 413),
                new Case("message: 20 MB body", "POST", messages, HUGE, true, 413),
                new Case("media: 20 MB body", "POST", "/api/media/uploads", HUGE, true, 413),
                // ids that are not ids, and a conversation that is not the caller's
                new Case("history: conversation id not a UUID", "GET", "/api/conversations/xyz/messages", null, true, 400),
                new Case("message: someone else's conversation", "POST",
                        "/api/conversations/" + UUID.randomUUID() + "/messages",
                        json(java.util.Map.of("clientMessageId", UUID.randomUUID().toString(), "body", "hi")), true, 404),
                // no token
                new Case("message without a token", "POST", messages,
                        json(java.util.Map.of("clientMessageId", UUID.randomUUID().toString(), "body", "hi")), false, 401),
                new Case("media without a token", "GET", "/api/media/" + UUID.randomUUID(), null, false, 401),
                // not JSON, wrong content type
                new Case("message: broken JSON", "POST", messages, "{\"body\":", true, 400)));
        // paths with dot segments and other firewall refusals, on each service's prefix
        for (String prefix : List.of("/api/users", "/api/conversations", messages.replace("/messages", ""),
                "/api/media", "/api/presence")) {
            cases.add(new Case("encoded dot-dot under " + prefix, "GET", prefix + "/%2e%2e/%2e%2e/actuator/env", null,
                    true, -400));
            cases.add(new Case("dot-dot under " + prefix, "GET", prefix + "/../../actuator/env", null, true, -400));
            cases.add(new Case("double slash under " + prefix, "GET", prefix + "//x", null, true, -400));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsAClearProblemJsonAnswer(Case c) throws Exception {
        String path = c.path().replace("{dm}", dm);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (c.withToken()) {
            request.header("Authorization", "Bearer " + alice.token());
        }
        if (c.body() == null) {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(c.method(), HttpRequest.BodyPublishers.ofString(c.body().replace("{bob}", bob.id())));
        }

        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        if (c.status() < 0) {
            // the gateway or the service may refuse it (400) or find nothing there (404): never the resource
            assertThat(r.statusCode()).as(r.body()).isIn(400, 404);
        } else {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(c.status());
        }
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body())
                .startsWith("application/problem+json");
        JsonNode body = Api.JSON.readTree(r.body());
        assertThat(body.path("status").asInt()).isEqualTo(r.statusCode());
        assertThat(body.path("detail").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
        if (c.name().startsWith("message: NUL")) {
            assertThat(api.messagesAfter(alice, dm, 0)).as("nothing of a refused message is stored").isEmpty();
        }
    }
}
