package dev.chat.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The vendored JSON Schemas (src/test/resources/schemas, see SOURCES.md): Kubernetes 1.36, the ServiceMonitor/PrometheusRule
 * and Strimzi 1.2.0 bundles, each mapping apiVersion/kind to a strict definition, and the Compose Specification.
 * An object of a kind no bundle knows is an error, not a skip: every object is checked.
 */
final class Schemas {
    private static final List<String> BUNDLES =
            List.of("kubernetes-1.36.json", "prometheus-operator.json", "strimzi-1.2.0.json");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, Schema> BY_KIND = new HashMap<>();
    private static Schema compose;

    static {
        for (String bundle : BUNDLES) {
            JsonNode tree = load(bundle);
            for (Map.Entry<String, JsonNode> kind : tree.get("kinds").properties()) {
                ObjectNode root = Yamls.JSON.createObjectNode();
                root.put("$schema", "http://json-schema.org/draft-07/schema#");
                root.put("$ref", "#/definitions/" + kind.getValue().asString());
                root.set("definitions", tree.get("definitions"));
                BY_KIND.put(kind.getKey(), REGISTRY.getSchema(root));
            }
        }
    }

    private Schemas() {
    }

    /** The kinds the vendored schemas describe, as apiVersion/kind. */
    static java.util.Set<String> kinds() {
        return BY_KIND.keySet();
    }

    /** What is wrong with one object, in words; empty when it is valid. */
    static List<String> problems(Manifest manifest) {
        String key = manifest.apiVersion() + "/" + manifest.kind();
        Schema schema = BY_KIND.get(key);
        if (schema == null) return List.of(manifest + ": no vendored schema for " + key);
        return messages(manifest.toString(), schema.validate(Yamls.tree(manifest.body())));
    }

    static List<String> composeProblems(Map<String, Object> composeFile) {
        synchronized (Schemas.class) {
            if (compose == null) {
                ObjectNode tree = (ObjectNode) load("compose-spec.json");
                // Its $schema is the draft-07 meta-schema under an https name the validator does not map to its
                // built-in copy (it would go and fetch it): the draft is already the registry's default.
                tree.remove("$schema");
                tree.remove("$id"); // "compose_spec.json": relative, with no base to resolve it against

                compose = REGISTRY.getSchema(tree);
            }
        }
        return messages("docker-compose.yml", compose.validate(Yamls.tree(composeFile)));
    }

    static Schema fromFile(java.nio.file.Path path) {
        return REGISTRY.getSchema(Yamls.JSON.readTree(Repo.read(path)));
    }

    static List<String> messages(String where, List<Error> errors) {
        return errors.stream().map(e -> where + ": " + e).toList();
    }

    private static JsonNode load(String name) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) throw new IllegalStateException("missing vendored schema " + name);
            return Yamls.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
