package dev.chat.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST calls of the (unmeasured) setup, blocking, meant for virtual threads. Throttling and transient
 * gateway answers (429, 502-504, I/O errors) are retried with backoff; anything else unexpected becomes a
 * {@link SetupException} that says which call failed and what the server answered.
 */
final class GatewayClient {

    /** A logged-in bench user; {@code index} is its position in the run. */
    record User(int index, String userId, String username, String token) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ATTEMPTS = 6;

    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient http;

    GatewayClient(URI base, Duration requestTimeout) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    /** Fails fast, with what to do, when nothing answers at the gateway URL. */
    void preflight() {
        URI health = uri("/actuator/health");
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.printf("gateway %s answers (GET /actuator/health -> %d)%n", base, response.statusCode());
        } catch (HttpTimeoutException e) {
            throw new SetupException("the gateway at " + base + " accepted the connection but did not answer within 5 s");
        } catch (IOException e) {
            throw new SetupException(unreachable(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted");
        }
    }

    private String unreachable(IOException e) {
        if (isConnectFailure(e)) {
            return "nothing answers at " + base + " (connection refused). Start the stack first (./chat up) "
                    + "or point --url at the gateway.";
        }
        return "cannot reach the gateway at " + base + ": " + e;
    }

    /** Registers (409 = already there from a run with the same --run-id: fine) and logs in. */
    User registerAndLogin(int index, String username, String password, String displayName) {
        HttpResponse<String> registered = call("register " + username, post("/api/auth/register", null,
                Map.of("username", username, "password", password, "displayName", displayName)));
        if (registered.statusCode() != 201 && registered.statusCode() != 409) {
            throw unexpected("POST /api/auth/register (" + username + ")", registered);
        }
        HttpResponse<String> login = call("login " + username, post("/api/auth/login", null,
                Map.of("username", username, "password", password)));
        if (login.statusCode() != 200) {
            throw unexpected("POST /api/auth/login (" + username + ")"
                    + (registered.statusCode() == 409 ? " after 409 on register: the name exists with another password;"
                    + " use a new --run-id" : ""), login);
        }
        JsonNode body = parse("POST /api/auth/login", login);
        return new User(index, text(body, "userId", "POST /api/auth/login"), username, text(body, "accessToken", "POST /api/auth/login"));
    }

    /** The direct conversation of {@code creator} and {@code other} (201 new, 200 existing). */
    String createDirect(User creator, User other) {
        HttpResponse<String> response = call("create direct conversation",
                post("/api/conversations/direct", creator, Map.of("userId", other.userId())));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw unexpected("POST /api/conversations/direct", response);
        }
        return text(parse("POST /api/conversations/direct", response), "id", "POST /api/conversations/direct");
    }

    /** A group of {@code creator} plus {@code others}. */
    String createGroup(User creator, String title, List<User> others) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "GROUP");
        body.put("title", title);
        body.put("memberIds", others.stream().map(User::userId).toList());
        HttpResponse<String> response = call("create group", post("/api/conversations", creator, body));
        if (response.statusCode() != 201) {
            throw unexpected("POST /api/conversations", response);
        }
        JsonNode json = parse("POST /api/conversations", response);
        JsonNode members = json.path("members");
        if (members.isArray() && members.size() != others.size() + 1) {
            System.out.printf("warning: group %s has %d members, expected %d%n",
                    json.path("id").asString(), members.size(), others.size() + 1);
        }
        return text(json, "id", "POST /api/conversations");
    }

    /**
     * Waits until message-service lets {@code member} read {@code conversationId}: its membership projection
     * is fed by Kafka, so right after creation a send could still be refused with 404.
     */
    void awaitMembership(User member, String conversationId, long deadlineNanos) {
        String path = "/api/conversations/" + conversationId + "/messages?limit=1";
        while (true) {
            HttpResponse<String> response = call("read messages", HttpRequest.newBuilder(uri(path))
                    .header("Authorization", member.bearer()).GET());
            if (response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 404 && response.statusCode() != 403) {
                throw unexpected("GET " + path, response);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new SetupException("message-service still answers " + response.statusCode() + " to member "
                        + member.username() + " of conversation " + conversationId + " (GET " + path + ") after "
                        + "--setup-timeout: is its membership projection consuming chat.conversations.v1?");
            }
            sleep(250);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpRequest.Builder post(String path, User caller, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (caller != null) {
            builder.header("Authorization", caller.bearer());
        }
        return builder;
    }

    private HttpResponse<String> call(String what, HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(requestTimeout).build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                boolean transientStatus = status == 429 || status == 502 || status == 503 || status == 504;
                if (!transientStatus || attempt == MAX_ATTEMPTS) {
                    return response;
                }
                sleep(backoffMillis(attempt, response.headers().firstValue("Retry-After")));
            } catch (IOException e) {
                if (isConnectFailure(e)) {
                    throw new SetupException(what + ": " + unreachable(e));
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new SetupException(what + " (" + request.method() + " " + request.uri() + ") failed "
                            + MAX_ATTEMPTS + " times, last: " + e, e);
                }
                sleep(backoffMillis(attempt, Optional.empty()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SetupException("interrupted during " + what);
            }
        }
    }

    private static long backoffMillis(int attempt, Optional<String> retryAfter) {
        if (retryAfter.isPresent()) {
            try {
                return Math.min(10_000, Math.max(100, Long.parseLong(retryAfter.get().trim()) * 1000));
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall back to our own backoff
            }
        }
        return Math.min(5_000, 250L << (attempt - 1));
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String what, HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new SetupException(what + " answered " + response.statusCode() + " with a body that is not JSON: "
                    + snippet(response.body()));
        }
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new SetupException(what + ": the response has no string '" + field + "': " + snippet(node.toString()));
        }
        return value.asString();
    }

    static SetupException unexpected(String what, HttpResponse<String> response) {
        return new SetupException(what + " answered " + response.statusCode() + ": " + snippet(response.body())
                + (response.statusCode() == 429 ? " (still throttled after retries: raise the gateway/auth limits for benchmarking)" : ""));
    }

    static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted");
        }
    }
}
