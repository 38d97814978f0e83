package dev.chat.presence;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test client on the JDK's WebSocket: collects the frames of the text messages (a message carries one frame
 * or a JSON array of frames, docs/websocket-protocol.md), how many messages carried them, and the close code.
 */
public final class TestSocket implements WebSocket.Listener, AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean reading = true;
    private WebSocket ws;

    public static TestSocket connect(int port) {
        TestSocket listener = new TestSocket();
        listener.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener)
                .orTimeout(20, TimeUnit.SECONDS).join();
        return listener;
    }

    /** Connects and authenticates; returns after the welcome frame, which is kept in {@link #welcome}. */
    public static TestSocket authenticated(int port, String token) {
        TestSocket socket = connect(port);
        socket.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        socket.welcome = socket.next();
        if (!"welcome".equals(socket.welcome.path("type").asString())) {
            throw new AssertionError("expected welcome, got " + socket.welcome);
        }
        return socket;
    }

    public JsonNode welcome;

    public void send(String text) {
        ws.sendText(text, true).orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** The next frame, waiting up to 20 s. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(20, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within 20 s");
            }
            return frame;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text messages received so far (each with one frame or several). */
    public int messagesReceived() {
        return messages.get();
    }

    /** The close code the server sent, waiting up to 30 s. */
    public int awaitClose() {
        return closed.orTimeout(30, TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Stops reading from the network: the server's writes pile up, as with a slow client. */
    public void stopReading() {
        reading = false;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode message = JSON.readTree(partial.toString());
            partial.setLength(0);
            messages.incrementAndGet(); // before its frames: a reader that has them sees the message counted
            if (message.isArray()) {
                message.forEach(frames::add);
            } else {
                frames.add(message);
            }
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        ws.abort();
    }
}
