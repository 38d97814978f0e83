package dev.chat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository the tests check (the module runs from deploy-tests/, Maven passes the root). */
final class Repo {
    static final Path ROOT = Path.of(System.getProperty("chat.repo.root", "..")).toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/chat");
    static final Path K8S = ROOT.resolve("k8s");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

    /** The services, by the short name the chart and the Compose file use; each module is {@code <name>-service}. */
    static final java.util.List<String> SERVICES =
            java.util.List.of("gateway", "auth", "conversation", "message", "presence", "notification", "media");

    private Repo() {
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(ROOT.resolve(relative));
    }
}
