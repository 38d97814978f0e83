package dev.chat.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A client that follows docs/websocket-protocol.md the way a real one must, on its own thread: it
 * reconnects with backoff and jitter, authenticates, resumes with its positions, applies a push that is
 * last+1, ignores one it has, catches up over REST on a gap, on a positions frame above its own, and on a
 * new epoch (Redis lost), and retries a catch-up that failed. It never catches up for any other reason,
 * so whatever it ends with is what the protocol gave it.
 */
final class ProtocolClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonNode DISCONNECTED = Api.JSON.createObjectNode().put("type", "-disconnected");

    private final Api api;
    private final String wsUrl;
    private final Api.User user;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;
    private volatile WebSocket socket;

    // Only the worker thread writes these; readers synchronize on this.
    private final Map<String, List<Long>> applied = new LinkedHashMap<>();
    private final Map<String, Set<Long>> pushed = new HashMap<>();
    private String epoch;
    private int epochChanges;

    ProtocolClient(Api api, String wsUrl, Api.User user, List<String> conversations) {
        this.api = api;
        this.wsUrl = wsUrl;
        this.user = user;
        conversations.forEach(c -> applied.put(c, new ArrayList<>()));
        this.worker = Thread.ofPlatform().name("client-" + user.username()).daemon(true).start(this::run);
    }

    Api.User user() {
        return user;
    }

    synchronized List<Long> appliedSeqs(String conversationId) {
        return List.copyOf(applied.get(conversationId));
    }

    synchronized boolean gotPush(String conversationId, long seq) {
        return pushed.getOrDefault(conversationId, Set.of()).contains(seq);
    }

    synchronized int epochChanges() {
        return epochChanges;
    }

    int connections() {
        return connections.get();
    }

    private void run() {
        long backoffMs = 250;
        while (!closed) {
            try {
                connect();
                backoffMs = 250;
                JsonNode frame;
                while ((frame = inbox.take()) != DISCONNECTED) {
                    handle(frame);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // could not connect, or a frame could not be handled: drop this socket and start over
            }
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
            inbox.clear();
            if (!closed) {
                sleep(backoffMs + ThreadLocalRandom.current().nextLong(backoffMs));
                backoffMs = Math.min(backoffMs * 2, 4_000);
            }
        }
    }

    private void connect() throws InterruptedException {
        try {
            socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(wsUrl), new Listener()).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("connect failed: " + e.getCause(), e);
        }
    }

    private void handle(JsonNode frame) {
        switch (frame.path("type").asString()) {
            case "-connected" -> {
                socket.sendText(Api.JSON.writeValueAsString(Map.of("type", "auth", "token", user.token())), true);
            }
            case "welcome" -> {
                connections.incrementAndGet();
                adoptEpoch(frame.path("epoch").asString(null));
                Map<String, Long> positions = new HashMap<>();
                synchronized (this) {
                    applied.keySet().forEach(c -> positions.put(c, last(c)));
                }
                socket.sendText(Api.JSON.writeValueAsString(Map.of("type", "resume", "positions", positions)), true);
            }
            case "positions" -> {
                adoptEpoch(frame.path("epoch").asString(null));
                frame.path("positions").properties().forEach(e -> {
                    if (applied.containsKey(e.getKey()) && e.getValue().asLong() > last(e.getKey())) {
                        catchUp(e.getKey());
                    }
                });
            }
            case "message.created" -> {
                String c = frame.path("conversationId").asString();
                long seq = frame.path("seq").asLong();
                synchronized (this) {
                    pushed.computeIfAbsent(c, k -> new HashSet<>()).add(seq);
                }
                if (!applied.containsKey(c) || seq <= last(c)) {
                    return; // a duplicate
                }
                if (seq > last(c) + 1) {
                    catchUp(c); // a gap: fetch from last, which includes this one
                } else {
                    synchronized (this) {
                        applied.get(c).add(seq);
                    }
                }
            }
            default -> {
                // pong, presence, errors: nothing to apply
            }
        }
    }

    /** A new epoch means Redis lost its state: positions and pushes may have been lost, catch up everything. */
    private void adoptEpoch(String next) {
        if (next == null) {
            return;
        }
        if (epoch != null && !epoch.equals(next)) {
            synchronized (this) {
                epochChanges++;
            }
            applied.keySet().forEach(this::catchUp);
        }
        epoch = next;
    }

    private long last(String conversationId) {
        List<Long> seqs = applied.get(conversationId);
        return seqs.isEmpty() ? 0 : seqs.getLast();
    }

    /** REST catch-up from the last applied seq; retried (with backoff) while the service is away. */
    private void catchUp(String conversationId) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<JsonNode> missed = api.messagesAfter(user, conversationId, last(conversationId));
                synchronized (this) {
                    for (JsonNode m : missed) {
                        applied.get(conversationId).add(m.path("seq").asLong());
                    }
                }
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                sleep(Math.min(4_000, 250L << Math.min(attempt, 4)));
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private final class Listener extends JsonFrameListener {

        Listener() {
            super(inbox);
        }

        @Override
        public void onOpen(WebSocket ws) {
            inbox.add(Api.JSON.createObjectNode().put("type", "-connected"));
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            inbox.add(DISCONNECTED);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            inbox.add(DISCONNECTED);
        }
    }
}
