package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST side of a client, talking only to the gateway. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(String gatewayUrl) {
        this.base = gatewayUrl;
    }

    record User(String id, String username, String token) {
    }

    record Response(int status, JsonNode body, String contentType) {
    }

    /** Registers and logs in a new user with a unique name. */
    User newUser(String prefix) {
        String username = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        Response reg = post("/api/auth/register", null,
                Map.of("username", username, "password", "correct horse " + username, "displayName", prefix));
        assertThat(reg.status()).as("register %s: %s", username, reg.body()).isEqualTo(201);
        Response login = post("/api/auth/login", null,
                Map.of("username", username, "password", "correct horse " + username));
        assertThat(login.status()).as("login: %s", login.body()).isEqualTo(200);
        return new User(reg.body().path("userId").asString(), username, login.body().path("accessToken").asString());
    }

    String createDirect(User me, User other) {
        Response r = post("/api/conversations/direct", me.token(), Map.of("userId", other.id()));
        assertThat(r.status()).as("create DM: %s", r.body()).isIn(200, 201);
        return r.body().path("id").asString();
    }

    JsonNode send(User me, String conversationId, String body) {
        Response r = sendRaw(me, conversationId, UUID.randomUUID().toString(), body);
        assertThat(r.status()).as("send: %s", r.body()).isEqualTo(201);
        return r.body();
    }

    Response sendRaw(User me, String conversationId, String clientMessageId, String body) {
        return post("/api/conversations/" + conversationId + "/messages", me.token(),
                Map.of("clientMessageId", clientMessageId, "body", body));
    }

    /**
     * Every message after {@code afterSeq}, following the cursor to the end; throws on an error answer
     * (rather than asserting), so a client that retries can use it too.
     */
    List<JsonNode> messagesAfter(User me, String conversationId, long afterSeq) {
        List<JsonNode> all = new ArrayList<>();
        long cursor = afterSeq;
        while (true) {
            Response r = get("/api/conversations/" + conversationId + "/messages?limit=100&afterSeq=" + cursor,
                    me.token());
            if (r.status() != 200) {
                throw new IllegalStateException("history answered " + r.status() + ": " + r.body());
            }
            for (JsonNode m : r.body().path("items")) {
                all.add(m);
                cursor = m.path("seq").asLong();
            }
            if (!r.body().path("hasMore").asBoolean(false)) {
                return all;
            }
        }
    }

    Response post(String path, String token, Object body) {
        return call(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), token);
    }

    Response get(String path, String token) {
        return call(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    Response call(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), body, r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
