package dev.chat.media;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real s3proxy (filesystem backend in a temp dir) in a child JVM, one per test JVM, started from the
 * jar the build copies to target/s3proxy (system property {@code chat.test.s3proxy-jar}).
 */
public final class S3ProxyServer {

    public static final String ACCESS_KEY = "it-identity";
    public static final String SECRET_KEY = "it-credential";
    private static S3ProxyServer shared;

    private final URI endpoint;
    private final Process process;
    private final Path log;

    private S3ProxyServer(URI endpoint, Process process, Path log) {
        this.endpoint = endpoint;
        this.process = process;
        this.log = log;
    }

    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.process::destroyForcibly));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    private static S3ProxyServer start() {
        Path jar = Path.of(System.getProperty("chat.test.s3proxy-jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the ITs with Maven "
                    + "(mvn verify copies it there in pre-integration-test)");
        }
        try {
            Path dir = Files.createTempDirectory("chat-s3proxy-");
            URI endpoint = URI.create("http://127.0.0.1:" + freePort());
            Path config = Files.writeString(dir.resolve("s3proxy.conf"), """
                    s3proxy.endpoint=%s
                    s3proxy.authorization=aws-v2-or-v4
                    s3proxy.identity=%s
                    s3proxy.credential=%s
                    jclouds.provider=filesystem-nio2
                    jclouds.filesystem.basedir=%s
                    """.formatted(endpoint, ACCESS_KEY, SECRET_KEY, Files.createDirectory(dir.resolve("data"))));
            Path log = dir.resolve("s3proxy.log");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-jar",
                    jar.toAbsolutePath().toString(), "--properties", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var server = new S3ProxyServer(endpoint, process, log);
            server.awaitAnswering(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
    }

    private void awaitAnswering(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited; see " + log);
                }
                try {
                    http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return; // any HTTP answer (403 for an unsigned request) means it is serving
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("s3proxy did not start; see " + log, notYet);
                    }
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
