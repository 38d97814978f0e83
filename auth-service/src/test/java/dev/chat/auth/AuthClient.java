package dev.chat.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the running auth-service, speaking its JSON API. */
public final class AuthClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public AuthClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, JsonNode body, String contentType, HttpResponse<String> raw) {

        public String text(String field) {
            return body.path(field).asString();
        }
    }

    public Response post(String path, Object body) {
        return post(path, JSON.writeValueAsString(body), "application/json");
    }

    public Response post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response get(String path, String bearerToken) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + bearerToken).GET());
    }

    /** Registers a fresh user (random name with {@code prefix}); returns its username. */
    public String registerFreshUser(String prefix, String password) {
        String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        Response r = post("/api/auth/register",
                Map.of("username", username, "password", password, "displayName", "Display " + username));
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r.status() + " " + r.body());
        }
        return username;
    }

    public Response login(String username, String password) {
        return post("/api/auth/login", Map.of("username", username, "password", password));
    }

    public Response refresh(String refreshToken) {
        return post("/api/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> res = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = res.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(res.body());
            return new Response(res.statusCode(), body, res.headers().firstValue("Content-Type").orElse(""), res);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
