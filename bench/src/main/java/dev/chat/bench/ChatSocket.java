package dev.chat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * One authenticated client socket at {@code /ws}. The listener does the least it can per frame: take the
 * arrival time first (one per message: the frames of an array message arrived together), parse four fields with
 * the streaming parser into a reused holder, hand
 * {@code message.created} to the {@link DeliveryTracker} (a few atomic operations), with a --mix every change
 * with a seq to the {@link MixTracker} (an atomic max; a map lookup for a reaction), and return. Nothing logs,
 * nothing blocks, nothing builds a tree.
 */
final class ChatSocket implements WebSocket.Listener {

    /** Counters shared by all sockets of a run. */
    static final class Stats {
        final LongAdder malformed = new LongAdder();
        final LongAdder errorFrames = new LongAdder();
        final LongAdder unexpectedCloses = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> framesByType = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, LongAdder> closeCodes = new ConcurrentHashMap<>();
        volatile String lastError;

        void frame(String type) {
            framesByType.computeIfAbsent(type == null ? "(no type)" : type, t -> new LongAdder()).increment();
        }

        Map<String, Long> framesByType() {
            Map<String, Long> result = new TreeMap<>();
            framesByType.forEach((type, count) -> result.put(type, count.sum()));
            return result;
        }

        Map<String, Long> closeCodes() {
            Map<String, Long> result = new TreeMap<>();
            closeCodes.forEach((code, count) -> result.put(code, count.sum()));
            return result;
        }
    }

    private final GatewayClient.User user;
    private final DeliveryTracker tracker;
    private final MixTracker mix;
    private final Stats stats;
    private final ServerFrame frame = new ServerFrame();
    private final Runnable onFrame = this::onFrame;
    private long messageArrival; // of the message being handled: the listener's calls are serial
    private final CompletableFuture<ChatSocket> welcome = new CompletableFuture<>();

    private volatile WebSocket webSocket;
    private volatile boolean open;
    private volatile boolean closing;
    private StringBuilder partial;
    private long partialArrival;
    private CompletableFuture<WebSocket> sends;

    private ChatSocket(GatewayClient.User user, DeliveryTracker tracker, MixTracker mix, Stats stats) {
        this.user = user;
        this.tracker = tracker;
        this.mix = mix;
        this.stats = stats;
    }

    /**
     * Opens, authenticates and completes on {@code welcome}; fails with a {@link SetupException} saying why
     * (handshake status, error frame, close code, timeout).
     *
     * @param tracker null for idle sockets: pushes are then only counted
     */
    static CompletableFuture<ChatSocket> connect(HttpClient http, URI uri, GatewayClient.User user,
                                                 DeliveryTracker tracker, Stats stats, Duration timeout) {
        return connect(http, uri, user, tracker, null, stats, timeout);
    }

    /** @param mix null without --mix: the other changes' frames are then only counted */
    static CompletableFuture<ChatSocket> connect(HttpClient http, URI uri, GatewayClient.User user,
                                                 DeliveryTracker tracker, MixTracker mix, Stats stats, Duration timeout) {
        ChatSocket socket = new ChatSocket(user, tracker, mix, stats);
        return http.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(uri, socket)
                .thenCompose(ws -> {
                    socket.webSocket = ws;
                    socket.open = true;
                    String auth = "{\"type\":\"auth\",\"token\":\"" + user.token() + "\"}";
                    synchronized (socket) {
                        socket.sends = ws.sendText(auth, true);
                    }
                    return socket.welcome;
                })
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> {
                    socket.abort();
                    return CompletableFuture.failedFuture(explain(uri, user, e));
                });
    }

    private static SetupException explain(URI uri, GatewayClient.User user, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof SetupException setup) {
            return setup;
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            return new SetupException("WebSocket handshake at " + uri + " answered HTTP "
                    + handshake.getResponse().statusCode() + ": is the gateway's /ws route (presence-service) up?");
        }
        if (cause instanceof TimeoutException) {
            return new SetupException("no welcome frame for " + user.username() + " on " + uri
                    + " within --setup-timeout (sent the auth frame)");
        }
        return new SetupException("WebSocket to " + uri + " for " + user.username() + " failed: " + cause, cause);
    }

    GatewayClient.User user() {
        return user;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void onOpen(WebSocket ws) {
        webSocket = ws;
        // Unbounded demand: the listener consumes each frame synchronously, so there is nothing to pace.
        ws.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long arrival = System.nanoTime();
        if (!last) {
            if (partial == null) {
                partial = new StringBuilder(data.length() * 2);
                partialArrival = arrival;
            }
            partial.append(data);
            return null;
        }
        String text;
        if (partial != null) {
            arrival = partialArrival;
            text = partial.append(data).toString();
            partial = null;
        } else {
            text = data.toString();
        }
        handle(text, arrival);
        return null;
    }

    /** A message is one frame or an array of frames (all arrived at {@code arrival}): each is handled in order. */
    private void handle(String text, long arrival) {
        messageArrival = arrival;
        if (!frame.parseMessage(text, onFrame)) {
            stats.malformed.increment();
        }
    }

    private void onFrame() {
        long arrival = messageArrival;
        stats.frame(frame.type);
        if (frame.type == null) {
            return;
        }
        switch (frame.type) {
            case "message.created" -> {
                if (tracker != null) {
                    tracker.onMessageCreated(user.index(), arrival, frame.conversationId, frame.seq, frame.clientMessageId);
                }
                if (mix != null) {
                    mix.onFrame(user.index(), arrival, frame);
                }
            }
            case "welcome" -> welcome.complete(this);
            case "error" -> {
                stats.errorFrames.increment();
                stats.lastError = frame.code + ": " + frame.errorMessage;
                if (!welcome.isDone()) {
                    welcome.completeExceptionally(new SetupException("the server refused the auth frame of "
                            + user.username() + ": " + frame.code + " " + frame.errorMessage));
                }
            }
            default -> {
                // reaction.added, message.edited, receipt.moved, ...: not deliveries; with a mix, a seq seen
                if (mix != null) {
                    mix.onFrame(user.index(), arrival, frame);
                }
            }
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        return null; // the JDK answers pings itself
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        open = false;
        if (!welcome.isDone()) {
            welcome.completeExceptionally(new SetupException("the server closed the socket of " + user.username()
                    + " before welcome: " + statusCode + " " + reason));
        }
        if (!closing) {
            stats.unexpectedCloses.increment();
            stats.closeCodes.computeIfAbsent(Integer.toString(statusCode), c -> new LongAdder()).increment();
        }
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        open = false;
        if (!welcome.isDone()) {
            welcome.completeExceptionally(error);
        }
        if (!closing) {
            stats.unexpectedCloses.increment();
            stats.closeCodes.computeIfAbsent("error " + error.getClass().getSimpleName(), c -> new LongAdder()).increment();
        }
    }

    /** Application-level ping; sends on one socket are chained, the JDK allows one outstanding at a time. */
    void ping() {
        send(ws -> ws.sendText("{\"type\":\"ping\"}", true));
    }

    /** Normal closure; completes when the close frame is out (or failed). */
    CompletableFuture<?> close() {
        closing = true;
        return send(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench done"));
    }

    void abort() {
        closing = true;
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
        open = false;
    }

    private synchronized CompletableFuture<WebSocket> send(java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> action) {
        WebSocket ws = webSocket;
        if (ws == null || sends == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(ws);
        }
        sends = sends.handle((w, e) -> ws).thenCompose(action);
        return sends;
    }
}
