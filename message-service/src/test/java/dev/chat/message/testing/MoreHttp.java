package dev.chat.message.testing;

import dev.chat.testsupport.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** PATCH, PUT and DELETE, which test-support's {@link Http} does not offer, answered as its {@link Http.Response}. */
public final class MoreHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private MoreHttp() {
    }

    public static Http.Response patch(int port, String path, String token, Object body) {
        String json = body instanceof String s ? s : Http.JSON.writeValueAsString(body);
        return send(request(port, path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Http.Response put(int port, String path, String token) {
        return send(request(port, path, token).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public static Http.Response put(int port, String path, String token, Object body) {
        String json = body instanceof String s ? s : Http.JSON.writeValueAsString(body);
        return send(request(port, path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Http.Response delete(int port, String path, String token) {
        return send(request(port, path, token).DELETE());
    }

    private static HttpRequest.Builder request(int port, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Http.Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
