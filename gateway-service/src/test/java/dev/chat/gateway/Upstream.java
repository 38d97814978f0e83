package dev.chat.gateway;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in service on a local port: every HTTP request is answered with who it is, the path and the
 * Authorization header it received; {@code /ws} echoes WebSocket text frames prefixed with its name.
 * Special paths: {@code .../slow} answers only after 10 s, {@code .../hold} waits until
 * {@link #releaseHeld()}, {@code .../drop} closes the connection without an answer, and a query
 * {@code status=NNN} answers that status as a problem (a 503 with {@code Retry-After: 7}).
 * {@code /actuator/health/readiness} answers 200, or 503 after {@code ready(false)}. It can be stopped
 * and started again on the same port, like a node killed and restarted.
 */
public final class Upstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String READINESS = "/actuator/health/readiness";

    public final String name;
    private final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicReference<Sinks.Empty<Void>> held = new AtomicReference<>(Sinks.empty());
    private volatile boolean ready = true;
    private volatile DisposableServer server;
    private final int port;

    private Upstream(String name, int port) {
        this.name = name;
        this.server = bind(port);
        this.port = server.port();
    }

    public static Upstream start(String name) {
        return new Upstream(name, 0);
    }

    private DisposableServer bind(int port) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .doOnChannelInit((observer, channel, address) -> connections.add(channel))
                .route(routes -> routes
                        .ws("/ws", (in, out) -> out.sendString(in.receive().asString().map(text -> name + ":" + text)))
                        .route(req -> true, this::answer))
                .bindNow();
    }

    private org.reactivestreams.Publisher<Void> answer(HttpServerRequest req, HttpServerResponse res) {
        String path = req.path().startsWith("/") ? req.path() : "/" + req.path();
        if (path.equals(READINESS)) {
            return res.status(ready ? 200 : 503).header("Content-Type", "application/json")
                    .sendString(Mono.just(ready ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}"));
        }
        calls.add(req.uri());
        String status = queryParam(req.uri(), "status");
        if (status != null) {
            int code = Integer.parseInt(status);
            var problem = new LinkedHashMap<String, Object>();
            problem.put("type", "about:blank");
            problem.put("title", "From " + name);
            problem.put("status", code);
            problem.put("detail", name + " answered " + code);
            res.status(code).header("Content-Type", "application/problem+json");
            if (code == 503) {
                res.header("Retry-After", "7");
            }
            return res.sendString(Mono.just(JSON.writeValueAsString(problem)));
        }
        if (path.endsWith("slow")) {
            return res.sendString(Mono.delay(Duration.ofSeconds(10)).map(x -> "late"));
        }
        if (path.endsWith("hold")) {
            return res.sendString(held.get().asMono().then(Mono.just("{\"service\":\"" + name + "\"}")));
        }
        if (path.endsWith("drop")) {
            res.withConnection(connection -> connection.channel().close());
            return Mono.never();
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("service", name);
        body.put("path", req.uri());
        body.put("method", req.method().name());
        body.put("authorization", req.requestHeaders().get("Authorization"));
        return res.header("Content-Type", "application/json").sendString(Mono.just(JSON.writeValueAsString(body)));
    }

    private static String queryParam(String uri, String name) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** The request URIs (path and query) this service received, health probes excluded. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public long callsContaining(String part) {
        return calls.stream().filter(uri -> uri.contains(part)).count();
    }

    /** Lets every request waiting on {@code .../hold} complete. */
    public void releaseHeld() {
        held.getAndSet(Sinks.empty()).tryEmitEmpty();
    }

    /** What the readiness endpoint answers: 200 UP, or 503 DOWN. */
    public void ready(boolean ready) {
        this.ready = ready;
    }

    /** Dies like a killed process: its connections are cut and new ones are refused. */
    public void stop() {
        server.disposeNow();
        connections.close().awaitUninterruptibly();
    }

    /** Listens again on the same port (if stopped). */
    public void restart() {
        if (server.isDisposed()) {
            server = bind(port);
        }
    }

    @Override
    public void close() {
        releaseHeld();
        stop();
    }
}
