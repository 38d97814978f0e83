package dev.chat.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * helm/chat through helm-java (Helm 3 as a library): lint and template, each rendering done once per JVM.
 *
 * <p>Two workarounds for what helm-java 0.0.21 lacks, both on a copy of the chart in a temporary directory:
 * its lint takes no values file, so the production lint runs on a copy whose values.yaml is values.yaml with
 * values-production.yaml merged in the way Helm merges (maps key by key, anything else replaced); and its template
 * returns the release's manifest without the hooks (the CLI prints those separately), so the copy renames the
 * {@code helm.sh/hook*} annotations to {@code chat.test/hook*}: the hook objects render as plain ones, with their
 * hook settings still there to check.
 */
final class Chart {
    static final String KUBE_VERSION = "1.36.0";
    static final String RELEASE = "chat";
    static final String NAMESPACE = "chat";

    enum Values {
        DEFAULT(null), PRODUCTION("values-production.yaml");

        final String file;

        Values(String file) {
            this.file = file;
        }
    }

    private static final Map<Values, List<Manifest>> RENDERED = new ConcurrentHashMap<>();
    private static Path exposedHooks;

    private Chart() {
    }

    /** Every object the chart renders with these values, hooks included. */
    static List<Manifest> render(Values values) {
        return RENDERED.computeIfAbsent(values, v -> {
            var template = new Helm(chartWithExposedHooks()).template()
                    .withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
            if (v.file != null) template = template.withValuesFile(Repo.CHART.resolve(v.file));
            String yaml = template.call();
            return Yamls.documents(yaml).stream().map(doc -> new Manifest("helm " + v.name().toLowerCase(), doc)).toList();
        });
    }

    static List<Manifest> render(Values values, String kind) {
        return render(values).stream().filter(m -> kind.equals(m.kind())).toList();
    }

    static LintResult lint(Values values) {
        Path dir = values.file == null ? Repo.CHART : copyWithMergedValues(values);
        return new Helm(dir).lint().strict().call();
    }

    /** values.yaml, or values.yaml with a values file merged over it, as Helm merges them. */
    static Map<String, Object> values(Values values) {
        Map<String, Object> base = Yamls.document(Repo.read(Repo.CHART.resolve("values.yaml")));
        if (values.file == null) return base;
        return merge(base, Yamls.document(Repo.read(Repo.CHART.resolve(values.file))));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            if (value instanceof Map<?, ?> m && out.get(key) instanceof Map<?, ?> b) {
                out.put(key, merge((Map<String, Object>) b, (Map<String, Object>) m));
            } else if (value == null) {
                out.remove(key); // Helm: null deletes a default
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    private static synchronized Path chartWithExposedHooks() {
        if (exposedHooks == null) {
            exposedHooks = copy();
            try (Stream<Path> files = Files.list(exposedHooks.resolve("templates"))) {
                for (Path file : files.toList()) {
                    String text = Files.readString(file);
                    if (text.contains("helm.sh/hook")) Files.writeString(file, text.replace("helm.sh/hook", "chat.test/hook"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exposedHooks;
    }

    private static Path copyWithMergedValues(Values values) {
        Path dir = copy();
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try {
            Files.writeString(dir.resolve("values.yaml"), new Yaml(options).dump(values(values)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static Path copy() {
        try {
            Path scratch = Files.createDirectories(Path.of("target", "charts"));
            Path target = Files.createTempDirectory(scratch, "chat-").resolve("chat");
            try (Stream<Path> walk = Files.walk(Repo.CHART)) {
                for (Path source : walk.sorted(Comparator.naturalOrder()).toList()) {
                    Path dest = target.resolve(Repo.CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) Files.createDirectories(dest);
                    else Files.copy(source, dest);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
