import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns CustomResourceDefinitions (YAML) into one strict JSON Schema (draft-07) bundle in the same shape as
 * GenerateSchemas writes: {@code kinds} (apiVersion/Kind to definition) and {@code definitions}. Each served
 * version's openAPIV3Schema becomes a definition; descriptions and formats are dropped (size; OpenAPI formats such
 * as int32 mean nothing to a JSON Schema validator), {@code x-kubernetes-int-or-string} becomes integer-or-string,
 * {@code nullable} adds null, status is left out (a manifest never carries it), and every object that declares its
 * properties and does not preserve unknown fields gets {@code additionalProperties: false} (kubectl's strict field
 * validation).
 *
 * <p>Not part of the build: it only regenerates the vendored files. See ../src/test/resources/schemas/SOURCES.md.
 *
 * <pre>
 * java -cp 'lib/*' ConvertCrds.java OUT.json "source text" crd.yaml ...
 * </pre>
 */
public class ConvertCrds {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public static void main(String[] args) throws Exception {
        Map<String, String> kinds = new TreeMap<>();
        Map<String, JsonNode> definitions = new TreeMap<>();
        for (int i = 2; i < args.length; i++) {
            JsonNode crd = YAML.readTree(Path.of(args[i]).toFile());
            String group = crd.at("/spec/group").asText();
            String kind = crd.at("/spec/names/kind").asText();
            for (JsonNode version : crd.at("/spec/versions")) {
                if (!version.path("served").asBoolean()) continue;
                String apiVersion = group + "/" + version.path("name").asText();
                ObjectNode schema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
                ObjectNode props = (ObjectNode) schema.get("properties");
                props.remove("status");
                props.set("apiVersion", JsonNodeFactory.instance.objectNode().put("const", apiVersion));
                props.set("kind", JsonNodeFactory.instance.objectNode().put("const", kind));
                ArrayNode required = schema.withArray("required");
                for (String r : List.of("apiVersion", "kind", "metadata")) {
                    boolean present = false;
                    for (JsonNode n : required) present |= n.asText().equals(r);
                    if (!present) required.add(r);
                }
                JsonNode strict = convert(schema);
                String name = kind + "_" + version.path("name").asText();
                kinds.put(apiVersion + "/" + kind, name);
                definitions.put(name, strict);
            }
        }
        dedupe(definitions);
        // One definition per line: small, and a regeneration diffs definition by definition.
        var out = new StringBuilder("{\n");
        out.append("  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n");
        out.append("  \"$comment\": ").append(JSON_COMPACT.writeValueAsString(args[1])).append(",\n");
        out.append("  \"kinds\": ").append(JSON_COMPACT.writeValueAsString(kinds)).append(",\n");
        out.append("  \"definitions\": {\n");
        var names = new ArrayList<>(definitions.keySet());
        for (int i = 0; i < names.size(); i++) {
            out.append("    ").append(JSON_COMPACT.writeValueAsString(names.get(i))).append(": ")
                    .append(canonical(definitions.get(names.get(i)))).append(i + 1 < names.size() ? ",\n" : "\n");
        }
        out.append("  }\n}\n");
        Files.writeString(Path.of(args[0]), out);
        System.out.println(args[0] + ": " + kinds);
    }

    /**
     * The Kafka CRD repeats the same pod-template subschemas (affinity, tolerations, volumes...) for every
     * component: each subtree of over 1,000 characters found more than once moves to a shared definition that the
     * places $ref, largest saving first, so the vendored file stays small.
     */
    private static void dedupe(Map<String, JsonNode> definitions) throws Exception {
        for (int n = 1; ; n++) {
            Map<String, Integer> counts = new java.util.HashMap<>();
            for (JsonNode def : definitions.values()) count(def, counts, true);
            String best = null;
            long bestSaving = 0;
            for (var e : counts.entrySet()) {
                long saving = (long) (e.getValue() - 1) * e.getKey().length();
                if (e.getValue() > 1 && e.getKey().length() > 1000 && saving > bestSaving) {
                    best = e.getKey();
                    bestSaving = saving;
                }
            }
            if (best == null) return;
            String name = "shared-" + n;
            JsonNode shared = JSON.readTree(best);
            JsonNode ref = JsonNodeFactory.instance.objectNode().put("$ref", "#/definitions/" + name);
            for (var e : definitions.entrySet()) e.setValue(replace(e.getValue(), best, ref));
            definitions.put(name, shared);
        }
    }

    private static void count(JsonNode node, Map<String, Integer> counts, boolean root) throws Exception {
        if (node.isObject() && !root) counts.merge(canonical(node), 1, Integer::sum);
        for (JsonNode child : node) count(child, counts, false);
    }

    private static JsonNode replace(JsonNode node, String canonical, JsonNode ref) throws Exception {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = e.getValue();
                out.set(e.getKey(), v.isObject() && canonical(v).equals(canonical) ? ref : replace(v, canonical, ref));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode v : node) out.add(v.isObject() && canonical(v).equals(canonical) ? ref : replace(v, canonical, ref));
            return out;
        }
        return node;
    }

    private static String canonical(JsonNode node) throws Exception {
        return JSON_COMPACT.writeValueAsString(JSON.treeToValue(node, Object.class));
    }

    private static final ObjectMapper JSON_COMPACT = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static JsonNode convert(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(convert(n)));
            return out;
        }
        if (!node.isObject()) return node;
        ObjectNode in = (ObjectNode) node;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean preserve = in.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            if (key.equals("description") || key.equals("format") || key.equals("nullable") || key.startsWith("x-kubernetes-")) {
                continue;
            }
            if (key.equals("properties") || key.equals("patternProperties")) {
                ObjectNode props = JsonNodeFactory.instance.objectNode();
                e.getValue().fields().forEachRemaining(p -> props.set(p.getKey(), convert(p.getValue())));
                out.set(key, props);
            } else if (key.equals("default") || key.equals("enum") || key.equals("required")) {
                out.set(key, e.getValue());
            } else {
                out.set(key, convert(e.getValue()));
            }
        }
        if (in.path("x-kubernetes-int-or-string").asBoolean(false)) {
            out.remove("anyOf");
            ArrayNode types = out.putArray("type");
            types.add("integer").add("string");
        }
        if (in.path("nullable").asBoolean(false) && out.has("type") && out.get("type").isTextual()) {
            String type = out.get("type").asText();
            ArrayNode types = out.putArray("type");
            types.add(type).add("null");
        }
        if ("object".equals(in.path("type").asText()) && in.has("properties") && !in.has("additionalProperties") && !preserve) {
            out.put("additionalProperties", false);
        }
        return out;
    }
}
