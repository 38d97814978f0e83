package dev.chat.conversation.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for auth-service's {@code GET /api/users/{id}} (auth-service is another module): a real HTTP
 * server that knows the users a test tells it about, and can be made to fail or to hang.
 */
public final class StandInAuthService {

    public enum Mode { ANSWER, FAIL, HANG }

    private static StandInAuthService shared;

    private final HttpServer server;
    private final Set<UUID> known = ConcurrentHashMap.newKeySet();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile Mode mode = Mode.ANSWER;
    private volatile String lastAuthorization;

    private StandInAuthService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/users/", this::handle);
        server.start();
    }

    public static synchronized StandInAuthService shared() {
        if (shared == null) {
            try {
                shared = new StandInAuthService();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void know(UUID userId) {
        known.add(userId);
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
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            switch (mode) {
                case FAIL -> exchange.sendResponseHeaders(500, -1);
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
                    UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
                    if (!known.contains(id)) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    byte[] body = ("{\"userId\":\"" + id + "\",\"username\":\"u" + id.toString().substring(0, 8)
                            + "\",\"displayName\":\"Stand-in\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        }
    }
}
