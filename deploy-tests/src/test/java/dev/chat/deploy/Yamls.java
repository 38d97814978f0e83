package dev.chat.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * YAML read with SnakeYAML (anchors and merge keys resolved, as Compose and kubectl do) and turned into Jackson
 * trees for the schema validator. Empty documents (a template that rendered nothing) are dropped.
 */
final class Yamls {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Yamls() {
    }

    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : yaml().loadAll(yaml)) {
            if (doc == null) continue;
            if (!(doc instanceof Map<?, ?>)) throw new IllegalArgumentException("a YAML document that is not a mapping: " + doc);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) doc;
            out.add(map);
        }
        return out;
    }

    static Map<String, Object> document(String yaml) {
        List<Map<String, Object>> docs = documents(yaml);
        if (docs.size() != 1) throw new IllegalArgumentException("expected one YAML document, found " + docs.size());
        return docs.getFirst();
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        return new Yaml(new SafeConstructor(options));
    }

    /** The value at a dotted path of nested maps, or null. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String path) {
        Object node = root;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) return null;
            node = map.get(key);
        }
        return (T) node;
    }
}
