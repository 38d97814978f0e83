package dev.chat.media.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for message-service's {@code GET /api/media/{id}/access} (another module; the whole path runs in
 * system-tests' attachment test): a real HTTP server answering 204 for the (media, caller) pairs a test shared, the
 * caller read from the forwarded bearer token, and 404 otherwise; or 503 on demand.
 */
public final class StandInMessageService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static StandInMessageService shared;

    private final HttpServer server;
    private final Set<String> shares = ConcurrentHashMap.newKeySet();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile boolean failing;

    private StandInMessageService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/media/", this::handle);
        server.start();
    }

    public static synchronized StandInMessageService shared() {
        if (shared == null) {
            try {
                shared = new StandInMessageService();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A message in a conversation of {@code userId}'s carries {@code mediaId}. */
    public void share(UUID mediaId, UUID userId) {
        shares.add(mediaId + "/" + userId);
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    public int hits() {
        return hits.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            hits.incrementAndGet();
            if (failing) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/"); // "", api, media, {id}, access
            UUID caller = subject(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean shared = path.length == 5 && "access".equals(path[4]) && caller != null
                    && shares.contains(path[3] + "/" + caller);
            exchange.sendResponseHeaders(shared ? 204 : 404, -1);
        }
    }

    private static UUID subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return UUID.fromString(JSON.readTree(claims).get("sub").asString());
    }
}
