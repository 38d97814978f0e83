package dev.chat.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in service on a free local port: every HTTP request is answered with who it is, the path and
 * the Authorization header it received; {@code /ws} echoes WebSocket text frames prefixed with its
 * name; {@code .../slow} answers only after 10 s.
 */
final class Upstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String name;
    private final DisposableServer server;

    private Upstream(String name) {
        this.name = name;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes
                        .ws("/ws", (in, out) -> out.sendString(in.receive().asString().map(text -> name + ":" + text)))
                        .route(req -> req.path().endsWith("slow"), (req, res) -> res.sendString(
                                Mono.delay(Duration.ofSeconds(10)).map(x -> "late")))
                        .route(req -> true, (req, res) -> {
                            var body = new LinkedHashMap<String, Object>();
                            body.put("service", name);
                            body.put("path", req.uri());
                            body.put("method", req.method().name());
                            body.put("authorization", req.requestHeaders().get("Authorization"));
                            return res.header("Content-Type", "application/json")
                                    .sendString(Mono.just(JSON.writeValueAsString(body)));
                        }))
                .bindNow();
    }

    static Upstream start(String name) {
        return new Upstream(name);
    }

    String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
