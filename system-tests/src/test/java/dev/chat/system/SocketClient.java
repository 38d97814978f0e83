package dev.chat.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A chat client's socket side, with the client logic the protocol asks for: it keeps the highest seq it
 * applied per conversation, applies a push that is last+1, ignores one it already has, and catches up over
 * REST when a push (or a {@code positions} frame) shows a gap. Frames are processed on the test thread.
 */
final class SocketClient implements AutoCloseable {

    private final Api api;
    private final Api.User user;
    private final WebSocket socket;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final String nodeId;
    /** Every message.created push as it arrived: conversation -> seqs. */
    final Map<String, List<Long>> pushed = new HashMap<>();
    /** What the client applied, in order: conversation -> messages. */
    final Map<String, List<JsonNode>> applied = new HashMap<>();

    SocketClient(Api api, String wsUrl, Api.User user) {
        this.api = api;
        this.user = user;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(wsUrl), new JsonFrameListener(inbox)).join();
        socket.sendText(Api.JSON.writeValueAsString(Map.of("type", "auth", "token", user.token())), true).join();
        JsonNode welcome = next("welcome");
        this.nodeId = welcome.path("nodeId").asString();
    }

    /** A client that already applied {@code state} from an earlier session. */
    SocketClient withState(Map<String, List<JsonNode>> state) {
        state.forEach((c, msgs) -> applied.put(c, new ArrayList<>(msgs)));
        return this;
    }

    String nodeId() {
        return nodeId;
    }

    long lastSeq(String conversationId) {
        List<JsonNode> msgs = applied.getOrDefault(conversationId, List.of());
        return msgs.isEmpty() ? 0 : msgs.getLast().path("seq").asLong();
    }

    List<Long> appliedSeqs(String conversationId) {
        return applied.getOrDefault(conversationId, List.of()).stream().map(m -> m.path("seq").asLong()).toList();
    }

    /** Sends {@code resume} with the client's positions and catches up on what the answer shows missing. */
    void resume() {
        Map<String, Long> positions = new HashMap<>();
        applied.keySet().forEach(c -> positions.put(c, lastSeq(c)));
        socket.sendText(Api.JSON.writeValueAsString(Map.of("type", "resume", "positions", positions)), true).join();
        handle(next("positions"));
    }

    /** Processes frames until {@code seq} of the conversation is applied. */
    void awaitApplied(String conversationId, long seq) {
        while (lastSeq(conversationId) < seq) {
            handle(next(null));
        }
    }

    /** Processes frames until one of {@code type} matching {@code test} arrives; returns it. */
    JsonNode awaitFrame(String type, java.util.function.Predicate<JsonNode> test) {
        while (true) {
            JsonNode frame = next(type);
            if (test.test(frame)) {
                return frame;
            }
        }
    }

    private void handle(JsonNode frame) {
        switch (frame.path("type").asString()) {
            case "message.created" -> {
                String c = frame.path("conversationId").asString();
                long seq = frame.path("seq").asLong();
                pushed.computeIfAbsent(c, k -> new ArrayList<>()).add(seq);
                if (seq > lastSeq(c) + 1) {
                    catchUp(c);
                }
                if (seq == lastSeq(c) + 1) {
                    applied.computeIfAbsent(c, k -> new ArrayList<>()).add(frame.path("message"));
                }
            }
            case "positions" -> frame.path("positions").properties().forEach(e -> {
                if (e.getValue().asLong() > lastSeq(e.getKey())) {
                    catchUp(e.getKey());
                }
            });
            default -> {
                // welcome, pong, presence...: nothing to apply
            }
        }
    }

    private void catchUp(String conversationId) {
        for (JsonNode m : api.messagesAfter(user, conversationId, lastSeq(conversationId))) {
            applied.computeIfAbsent(conversationId, k -> new ArrayList<>()).add(m);
        }
    }

    /** The next frame (of {@code type}, if given, handling others on the way). */
    private JsonNode next(String type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode frame;
            try {
                frame = inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (frame == null) {
                throw new AssertionError(user.username() + " got no " + (type == null ? "frame" : type)
                        + " within 60 s; applied so far: " + applied.keySet().stream()
                        .collect(java.util.stream.Collectors.toMap(c -> c, this::appliedSeqs)));
            }
            if (type == null || type.equals(frame.path("type").asString())) {
                return frame;
            }
            handle(frame);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        socket.abort();
    }
}
