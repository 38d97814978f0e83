package dev.chat.system;

import dev.chat.testsupport.KafkaBroker;
import dev.chat.testsupport.Postgres;
import dev.chat.testsupport.Redis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole system, as a user's machine runs it: every service from its built jar in its own JVM, a real
 * Kafka broker (child JVM), s3proxy, the machine's PostgreSQL (fresh databases) and Redis. Started once per
 * test JVM on free ports, so it never collides with a stack started by {@code ./chat up}.
 */
final class Stack {

    static final int PRESENCE_NODES = 2;
    private static Stack shared;

    private final Path root = Path.of(System.getProperty("chat.repo.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of(System.getProperty("chat.stack.logs", "target/stack-logs")).toAbsolutePath();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    /** How each service was launched, so a fault test can kill it and start it again as it was. */
    private final Map<String, Launch> launches = new LinkedHashMap<>();
    private final Map<String, Process> byName = new LinkedHashMap<>();

    private record Launch(String module, String dbUrl, Map<String, String> env, List<String> args) {
    }
    private final KafkaBroker kafka;
    private final int s3Port = freePort();

    private Stack() {
        Redis.requireRunning();
        kafka = KafkaBroker.shared();
        for (String s : List.of("auth", "conversation", "message", "notification", "media", "gateway")) {
            ports.put(s, freePort());
        }
        for (int i = 0; i < PRESENCE_NODES; i++) {
            ports.put("presence-" + i, freePort());
        }
    }

    static synchronized Stack shared() {
        if (shared == null) {
            shared = new Stack();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
            shared.start();
        }
        return shared;
    }

    /** The repository's root directory (the modules' builds and the web client live under it). */
    Path root() {
        return root;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    String gatewayWsUrl() {
        return "ws://127.0.0.1:" + ports.get("gateway") + "/ws";
    }

    String serviceUrl(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    KafkaBroker kafka() {
        return kafka;
    }

    static String database(String service) {
        return "sys_" + service;
    }

    private void start() {
        try {
            Files.createDirectories(logs);
            startS3Proxy();
            String authUrl = serviceUrl("auth");
            Map<String, String> common = new LinkedHashMap<>();
            common.put("CHAT_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
            common.put("CHAT_REDIS_HOST", Redis.HOST);
            common.put("CHAT_REDIS_PORT", String.valueOf(Redis.PORT));
            common.put("CHAT_DB_USER", Postgres.USER);
            common.put("CHAT_DB_PASSWORD", Postgres.PASSWORD);
            common.put("CHAT_AUTH_ISSUER", authUrl);
            common.put("CHAT_AUTH_JWKS_URI", authUrl + "/.well-known/jwks.json");
            common.put("CHAT_AUTH_URI", authUrl);
            common.put("CHAT_CONVERSATION_URI", serviceUrl("conversation"));
            common.put("CHAT_MESSAGE_URI", serviceUrl("message"));
            common.put("CHAT_NOTIFICATION_URI", serviceUrl("notification"));
            common.put("CHAT_MEDIA_URI", serviceUrl("media"));
            common.put("CHAT_PRESENCE_URI", serviceUrl("presence-0"));
            common.put("CHAT_S3_ENDPOINT", "http://127.0.0.1:" + s3Port);

            List<String> gatewayArgs = new ArrayList<>();
            for (int i = 0; i < PRESENCE_NODES; i++) {
                gatewayArgs.add("--spring.cloud.discovery.client.simple.instances.presence-service[" + i + "].uri="
                        + serviceUrl("presence-" + i));
            }
            launch("auth", "auth-service", "auth", common, List.of());
            launch("conversation", "conversation-service", "conversation", common, List.of());
            launch("message", "message-service", "message", common, List.of());
            for (int i = 0; i < PRESENCE_NODES; i++) {
                // Frequent positions frames, so a fault test sees gaps close within seconds.
                launch("presence-" + i, "presence-service", "presence", common,
                        List.of("--chat.presence.socket.positions-interval=3s"));
            }
            launch("notification", "notification-service", "notification", common, List.of());
            launch("media", "media-service", "media", common, List.of());
            launch("gateway", "gateway-service", null, common, gatewayArgs);
            for (String name : ports.keySet()) {
                awaitReady(name, Duration.ofMinutes(4));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(String name, String module, String db, Map<String, String> common, List<String> args)
            throws IOException {
        // Every presence node shares one database, as in production; the others have one each.
        String dbUrl = db == null ? null
                : launches.values().stream().filter(l -> l.module().equals(module)).map(Launch::dbUrl).findFirst()
                        .orElseGet(() -> Postgres.freshDatabase(database(db)));
        Launch launch = new Launch(module, dbUrl, Map.copyOf(common), List.copyOf(args));
        launches.put(name, launch);
        start(name, launch);
    }

    private void start(String name, Launch launch) throws IOException {
        String module = launch.module();
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (mvn verify builds them)");
        }
        List<String> command = new ArrayList<>(List.of(java(),
                // Small, quick-starting JVMs: eight of them share two cores in this test.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k",
                "-jar", jar.toString()));
        command.addAll(launch.args());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        pb.environment().putAll(launch.env());
        pb.environment().put("PORT", String.valueOf(ports.get(name)));
        if (launch.dbUrl() != null) {
            pb.environment().put("CHAT_DB_URL", launch.dbUrl());
        }
        Process process = pb.start();
        processes.add(process);
        byName.put(name, process);
    }

    /** kill -9 of one service (e.g. "presence-0", "message"): no shutdown hook, no cleanup. */
    synchronized void kill(String name) {
        Process p = byName.get(name);
        p.destroyForcibly();
        try {
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        processes.remove(p);
    }

    /** Starts a killed service again, as it was first launched (same port, same database), and waits for it. */
    void restart(String name) {
        try {
            synchronized (this) {
                start(name, launches.get(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(name, Duration.ofMinutes(2));
    }

    private void startS3Proxy() throws IOException {
        Path jar;
        try (Stream<Path> jars = Files.list(root.resolve("local-stack/target/s3proxy"))) {
            jar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("s3proxy jar missing in local-stack/target/s3proxy"));
        }
        Path dir = Files.createTempDirectory("chat-s3-");
        Files.createDirectories(dir.resolve("data"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, """
                s3proxy.endpoint=http://127.0.0.1:%d
                s3proxy.authorization=aws-v2-or-v4
                s3proxy.identity=local-identity
                s3proxy.credential=local-credential
                s3proxy.cors-allow-all=true
                jclouds.provider=filesystem-nio2
                jclouds.filesystem.basedir=%s
                """.formatted(s3Port, dir.resolve("data")));
        processes.add(new ProcessBuilder(java(), "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve("s3proxy.log").toFile()).start());
        ports.put("s3proxy", s3Port);
    }

    private void awaitReady(String name, Duration timeout) {
        String url = "http://127.0.0.1:" + ports.get(name)
                + (name.equals("s3proxy") ? "/" : "/actuator/health/readiness");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a stack process exited (" + p.exitValue() + "); see " + logs);
                }
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (name.equals("s3proxy") ? r.statusCode() < 500 : r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + timeout + "; see " + logs.resolve(name + ".log"));
            }
            sleep(250);
        }
    }

    private synchronized void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
