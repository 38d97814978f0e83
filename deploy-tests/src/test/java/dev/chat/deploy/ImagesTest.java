package dev.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The service images Jib builds (target/jib-image.tar): the gateway's in every build, every service's with
 * {@code -Pimages}; each one found is checked against what the chart and the Compose file expect of it.
 */
class ImagesTest {
    private static final Map<String, Object> VALUES = Chart.values(Chart.Values.DEFAULT);

    private static final Map<String, ImageTarball> READ = new ConcurrentHashMap<>();

    /** Each tarball read once (every layer is gunzipped to be read). */
    private static ImageTarball image(String service) {
        return READ.computeIfAbsent(service, name -> ImageTarball.read(ImageTarball.of(name)));
    }

    static Stream<String> builtImages() {
        return Repo.SERVICES.stream().filter(service -> Files.exists(ImageTarball.of(service)));
    }

    @Test
    void theGatewayImageIsBuiltWithTheBuild() {
        assertThat(ImageTarball.of("gateway")).as("build gateway-service first (mvn package -pl gateway-service)").exists();
    }

    @ParameterizedTest
    @MethodSource("builtImages")
    void isNamedAsTheChartPullsItAndIsReproducible(String service) {
        ImageTarball image = image(service);
        String repository = Yamls.at(VALUES, "services." + service + ".image.repository");

        assertThat(strings(image.manifest().get("RepoTags"))).contains(repository + ":latest");
        assertThat(image.config().get("created").asString()).isEqualTo("1970-01-01T00:00:00Z");
        image.config().get("history").forEach(step -> assertThat(step.get("created").asString()).isEqualTo("1970-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @MethodSource("builtImages")
    void runsAsTheNonRootUserOfTheChartOnItsPort(String service) {
        JsonNode config = image(service).config().get("config");

        assertThat(config.get("User").asString()).isEqualTo("%s:%s",
                Yamls.at(VALUES, "defaults.podSecurityContext.runAsUser"), Yamls.at(VALUES, "defaults.podSecurityContext.runAsGroup"));
        assertThat(config.get("ExposedPorts").propertyNames()).containsExactly(Yamls.at(VALUES, "services." + service + ".port") + "/tcp");
    }

    /** The JVM's container settings sit in JAVA_TOOL_OPTIONS, which the chart and Compose replace whole, not in the entrypoint. */
    @ParameterizedTest
    @MethodSource("builtImages")
    void startsTheExplodedAppWithTheJvmSizedByTheContainer(String service) {
        ImageTarball image = image(service);
        JsonNode config = image.config().get("config");
        List<String> entrypoint = strings(config.get("Entrypoint"));

        assertThat(entrypoint).hasSize(4).startsWith("java", "-cp", "@/app/jib-classpath-file");
        assertThat(image.file("/app/classes/" + entrypoint.get(3).replace('.', '/') + ".class")).isNotNull();
        assertThat(strings(config.get("Env"))).contains("PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .anySatisfy(env -> assertThat(env).startsWith("JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError"));
    }

    /** FROM scratch: the runtime, its CDS archive, glibc, bash for the health checks, the user, a writable /tmp. */
    @ParameterizedTest
    @MethodSource("builtImages")
    void carriesItsOwnJavaRuntime(String service) {
        ImageTarball image = image(service);

        assertThat(image.file("/opt/java/openjdk/bin/java").mode()).isEqualTo(0755);
        assertThat(image.file("/opt/java/openjdk/lib/server/classes.jsa")).isNotNull();
        assertThat(image.file("/opt/java/openjdk/lib/modules")).isNotNull();
        assertThat(image.file("/lib64/ld-linux-x86-64.so.2").mode()).isEqualTo(0755);
        assertThat(image.file("/lib/x86_64-linux-gnu/libc.so.6")).isNotNull();
        assertThat(image.file("/bin/bash").mode()).isEqualTo(0755);
        assertThat(image.file("/etc/passwd").text()).contains("chat:x:1000:1000:");
        assertThat(image.file("/tmp").mode()).isEqualTo(0777);
        assertThat(image.paths()).noneMatch(path -> path.contains("libawt_xawt") || path.endsWith(".stamp"));
    }

    /** Layers from the least to the most often changed, so a code change ships only the small ones. */
    @ParameterizedTest
    @MethodSource("builtImages")
    void layersTheDependenciesApartFromTheCode(String service) {
        ImageTarball image = image(service);
        List<String> layers = new ArrayList<>();
        image.config().get("history").forEach(step -> layers.add(step.get("comment").asString()));

        assertThat(layers).containsSubsequence("dependencies", "resources", "classes", "extra files");
        // the project's own modules (chat-events, web-support, ...) in a layer of their own: "project dependencies"
        // when they are built in the same reactor (a clean clone), "snapshot dependencies" when resolved from ~/.m2
        assertThat(layers).containsAnyOf("project dependencies", "snapshot dependencies");
        assertThat(layers.indexOf("dependencies")).isLessThan(layers.indexOf("resources"));
        assertThat(image.layers()).hasSize(layers.size());
    }

    @Test
    void theGatewayImageServesTheWebClient() throws IOException {
        ImageTarball image = image("gateway");
        String jar = image.paths().stream().filter(path -> path.matches("/app/libs/web-client(-[^/]*)?\\.jar")).findFirst().orElseThrow();

        assertThat(entries(image.file(jar).content())).contains("static/index.html");
    }

    private static List<String> entries(byte[] jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) names.add(entry.getName());
        }
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }
}
