package dev.chat.message.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chat.testsupport.Http;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for conversation-service's {@code GET /api/conversations/{id}} (another module): a real HTTP server
 * that answers 200 to the members a test registered (the caller is read from the bearer token's subject) and
 * 404 to everyone else, or fails / hangs on demand.
 */
public final class StandInConversationService {

    public enum Mode { ANSWER, FAIL, HANG }

    private static StandInConversationService shared;

    private final HttpServer server;
    private final Map<UUID, Set<UUID>> members = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile Mode mode = Mode.ANSWER;
    private volatile String lastAuthorization;

    private StandInConversationService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/conversations/", this::handle);
        server.start();
    }

    public static synchronized StandInConversationService shared() {
        if (shared == null) {
            try {
                shared = new StandInConversationService();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void addMember(UUID conversationId, UUID userId) {
        members.computeIfAbsent(conversationId, k -> ConcurrentHashMap.newKeySet()).add(userId);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public void reset() {
        mode = Mode.ANSWER;
        hits.set(0);
        lastAuthorization = null;
    }

    public int hits() {
        return hits.get();
    }

    public String lastAuthorization() {
        return lastAuthorization;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            hits.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            lastAuthorization = authorization;
            switch (mode) {
                case FAIL -> exchange.sendResponseHeaders(503, -1);
                case HANG -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(500, -1);
                }
                case ANSWER -> {
                    String path = exchange.getRequestURI().getPath();
                    UUID conversationId = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
                    UUID caller = subject(authorization);
                    if (caller == null || !members.getOrDefault(conversationId, Set.of()).contains(caller)) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    byte[] body = ("{\"id\":\"" + conversationId + "\",\"type\":\"GROUP\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        }
    }

    private static UUID subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return UUID.fromString(Http.JSON.readTree(claims).get("sub").asString());
    }
}
