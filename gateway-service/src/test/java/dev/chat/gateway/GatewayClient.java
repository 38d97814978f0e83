package dev.chat.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP and WebSocket client of the running gateway. */
public final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLOSED = "\u0000closed";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    public GatewayClient(int port) {
        this.port = port;
    }

    public record Response(int status, String contentType, JsonNode body, HttpResponse<String> raw) {

        public String text(String field) {
            return body.path(field).asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String... headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Sends a GET without waiting for its answer. */
    public CompletableFuture<Response> getAsync(String path) {
        return http.sendAsync(request(path).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(GatewayClient::toResponse);
    }

    public Response send(HttpRequest.Builder request) {
        try {
            return toResponse(http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Response toResponse(HttpResponse<String> res) {
        String type = res.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.contains("json") && !res.body().isBlank() ? JSON.readTree(res.body())
                : JSON.createObjectNode();
        return new Response(res.statusCode(), type, body, res);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    /** A WebSocket to {@code path} through the gateway whose incoming text frames queue up. */
    public Socket openWebSocket(String path) throws Exception {
        var socket = new Socket();
        socket.ws = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path), socket)
                .get(30, TimeUnit.SECONDS);
        return socket;
    }

    /**
     * Opens a WebSocket to {@code /ws}, says hello and returns the name of the node that echoed it, or
     * null if the socket could not be opened or was closed without an answer (its node is dead).
     */
    public String webSocketNode() {
        try (var socket = openWebSocket("/ws")) {
            socket.ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
            String reply = socket.received.poll(5, TimeUnit.SECONDS);
            return reply == null || reply.equals(CLOSED) ? null : reply.substring(0, reply.indexOf(':'));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            return null;
        }
    }

    public record RawResponse(int status, Map<String, String> headers, String body) {
    }

    /**
     * A WebSocket upgrade request over a plain socket, to see the status, headers and body of a refused
     * upgrade (java.net.http hides them). Header names are lower case.
     */
    public RawResponse rawWebSocketUpgrade(String path) throws IOException {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String statusLine = readLine(in);
            var headers = new LinkedHashMap<String, String>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    public static final class Socket implements WebSocket.Listener, AutoCloseable {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            received.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            received.add(CLOSED);
        }

        /** Sends {@code text} and waits (up to 30 s) for the next frame. */
        public String exchange(String text) throws Exception {
            ws.sendText(text, true).get(30, TimeUnit.SECONDS);
            String reply = received.poll(30, TimeUnit.SECONDS);
            if (reply == null || reply.equals(CLOSED)) {
                throw new AssertionError("no reply to " + text);
            }
            return reply;
        }

        @Override
        public void close() {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
        }
    }
}
