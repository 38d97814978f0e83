import com.google.gson.GsonBuilder;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a strict JSON Schema (draft-07) bundle for the given Kubernetes kinds from the OpenAPI-generated model
 * classes of the official Java client (io.kubernetes:client-java-api, generated from Kubernetes' own OpenAPI
 * document): one definition per model class, its properties with their types, the fields the API requires
 * ({@code openapiRequiredFields}), and {@code additionalProperties: false} everywhere a model is an object
 * (kubectl's strict validation: an unknown or misspelt field is an error).
 *
 * <p>Not part of the build: it only regenerates the vendored files. See ../src/test/resources/schemas/SOURCES.md.
 *
 * <pre>
 * java -cp 'lib/*' GenerateSchemas.java OUT.json "source text" apiVersion/Kind=fully.qualified.Class ... [Class.field!=required,...]
 * </pre>
 */
public class GenerateSchemas {

    private final Map<String, Object> definitions = new TreeMap<>();
    private final Deque<Class<?>> pending = new ArrayDeque<>();
    private final Map<String, Set<String>> extraRequired = new TreeMap<>();
    private final Set<Class<?>> roots = new java.util.HashSet<>();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String source = args[1];
        var generator = new GenerateSchemas();
        Map<String, String> kinds = new TreeMap<>();
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            if (arg.contains("!=")) { // SimpleClassName.field!=required: a field the CRD requires that the model does not mark
                String[] parts = arg.split("!=")[0].split("\\.");
                generator.extraRequired.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
                continue;
            }
            String[] kv = arg.split("=");
            Class<?> root = Class.forName(kv[1]);
            kinds.put(kv[0], root.getSimpleName());
            generator.pending.add(root);
            generator.roots.add(root);
        }
        generator.drain();
        // The roots: apiVersion and kind pinned, so a Deployment cannot pass as a StatefulSet, in a definition of its
        // own (a PersistentVolumeClaim is also embedded in StatefulSets, where neither is required).
        var roots = new TreeMap<String, String>();
        for (var kind : kinds.entrySet()) {
            String gv = kind.getKey().substring(0, kind.getKey().lastIndexOf('/'));
            String k = kind.getKey().substring(kind.getKey().lastIndexOf('/') + 1);
            String name = "Manifest_" + kind.getKey().replaceAll("[^A-Za-z0-9]", "_");
            var def = new LinkedHashMap<String, Object>();
            def.put("allOf", List.of(Map.of("$ref", "#/definitions/" + kind.getValue())));
            def.put("properties", Map.of("apiVersion", Map.of("const", gv), "kind", Map.of("const", k)));
            def.put("required", List.of("apiVersion", "kind", "metadata"));
            generator.definitions.put(name, def);
            roots.put(kind.getKey(), name);
        }
        kinds = roots;
        // One definition per line: small, and a regeneration diffs definition by definition.
        var gson = new GsonBuilder().disableHtmlEscaping().create();
        var text = new StringBuilder("{\n");
        text.append("  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n");
        text.append("  \"$comment\": ").append(gson.toJson(source)).append(",\n");
        text.append("  \"kinds\": ").append(gson.toJson(kinds)).append(",\n");
        text.append("  \"definitions\": {\n");
        var names = new java.util.ArrayList<>(generator.definitions.keySet());
        for (int i = 0; i < names.size(); i++) {
            text.append("    ").append(gson.toJson(names.get(i))).append(": ")
                    .append(gson.toJson(sorted(generator.definitions.get(names.get(i))))).append(i + 1 < names.size() ? ",\n" : "\n");
        }
        text.append("  }\n}\n");
        Files.writeString(out, text);
        System.out.println(out + ": " + kinds.size() + " kinds, " + generator.definitions.size() + " definitions");
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object node) {
        if (node instanceof Map<?, ?> map) {
            var out = new TreeMap<String, Object>();
            map.forEach((k, v) -> out.put((String) k, sorted(v)));
            return out;
        }
        if (node instanceof Collection<?> list) return list.stream().map(GenerateSchemas::sorted).toList();
        return node;
    }

    private void drain() throws ReflectiveOperationException {
        while (!pending.isEmpty()) {
            Class<?> type = pending.poll();
            if (definitions.containsKey(type.getSimpleName())) continue;
            definitions.put(type.getSimpleName(), Map.of()); // placeholder against cycles (JSONSchemaProps)
            Map<String, Object> properties = new TreeMap<>();
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) continue;
                SerializedName name = field.getAnnotation(SerializedName.class);
                if (name == null) continue;
                // A manifest never carries status (the cluster writes it): left out, so one that does fails.
                if (roots.contains(type) && name.value().equals("status")) continue;
                properties.put(name.value(), schemaOf(field.getGenericType()));
            }
            Set<String> required = new TreeSet<>(extraRequired.getOrDefault(type.getSimpleName(), Set.of()));
            try {
                Field requiredField = type.getField("openapiRequiredFields");
                @SuppressWarnings("unchecked")
                var fromModel = (Collection<String>) requiredField.get(null);
                required.addAll(fromModel);
            } catch (NoSuchFieldException olderGenerator) {
                // older client generations do not list required fields
            }
            var def = new LinkedHashMap<String, Object>();
            def.put("type", "object");
            def.put("properties", properties);
            if (!required.isEmpty()) def.put("required", required);
            def.put("additionalProperties", false);
            definitions.put(type.getSimpleName(), def);
        }
    }

    private Object schemaOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schemaOf(p.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schemaOf(p.getActualTypeArguments()[1]));
            }
            throw new IllegalStateException("unmapped generic type " + type);
        }
        Class<?> c = (Class<?>) type;
        String n = c.getName();
        switch (n) {
            case "java.lang.String", "java.time.OffsetDateTime", "[B" -> { return Map.of("type", "string"); }
            case "java.lang.Integer", "java.lang.Long", "int", "long" -> { return Map.of("type", "integer"); }
            case "java.lang.Double", "java.lang.Float", "java.math.BigDecimal" -> { return Map.of("type", "number"); }
            case "java.lang.Boolean", "boolean" -> { return Map.of("type", "boolean"); }
            // Kubernetes' int-or-string (ports, maxUnavailable) and resource quantities ("500m", 1, "1Gi")
            case "io.kubernetes.client.custom.IntOrString" -> { return Map.of("type", List.of("integer", "string")); }
            case "io.kubernetes.client.custom.Quantity" -> { return Map.of("type", List.of("string", "number")); }
            case "java.lang.Object", "io.kubernetes.client.custom.V1Patch" -> { return Map.of(); }
            default -> { }
        }
        if (c.isEnum()) {
            var values = new TreeSet<String>();
            for (Object constant : c.getEnumConstants()) {
                try {
                    values.add(String.valueOf(c.getMethod("getValue").invoke(constant)));
                } catch (ReflectiveOperationException e) {
                    values.add(constant.toString());
                }
            }
            return Map.of("type", "string", "enum", values);
        }
        if (c.getPackageName().startsWith("io.kubernetes.client.openapi.models")
                || c.getPackageName().startsWith("com.coreos.monitoring.models")) {
            pending.add(c);
            return Map.of("$ref", "#/definitions/" + c.getSimpleName());
        }
        throw new IllegalStateException("unmapped type " + n);
    }
}
