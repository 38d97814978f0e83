package dev.chat.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP and WebSocket client of the running gateway. */
final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    GatewayClient(int port) {
        this.port = port;
    }

    record Response(int status, String contentType, JsonNode body, HttpResponse<String> raw) {

        String text(String field) {
            return body.path(field).asString();
        }
    }

    Response get(String path, String... headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> res = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = res.headers().firstValue("Content-Type").orElse("");
            JsonNode body = type.contains("json") && !res.body().isBlank() ? JSON.readTree(res.body())
                    : JSON.createObjectNode();
            return new Response(res.statusCode(), type, body, res);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    /** A WebSocket to {@code path} through the gateway whose incoming text frames queue up. */
    Socket openWebSocket(String path) throws Exception {
        var socket = new Socket();
        socket.ws = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path), socket)
                .get(30, TimeUnit.SECONDS);
        return socket;
    }

    static final class Socket implements WebSocket.Listener, AutoCloseable {

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

        /** Sends {@code text} and waits (up to 30 s) for the next frame. */
        String exchange(String text) throws Exception {
            ws.sendText(text, true).get(30, TimeUnit.SECONDS);
            String reply = received.poll(30, TimeUnit.SECONDS);
            if (reply == null) {
                throw new AssertionError("no reply to " + text);
            }
            return reply;
        }

        @Override
        public void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
