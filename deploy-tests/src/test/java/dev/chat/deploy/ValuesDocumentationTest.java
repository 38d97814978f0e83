package dev.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.deploy.Chart.Values;
import dev.chat.deploy.ParameterTable.Param;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * values.yaml documents every value with a {@code ## @param} comment (Bitnami's convention); the chart README's
 * parameter table and values.schema.json follow from them. {@code -Dchat.helm.readme.write=true} rewrites the table.
 */
class ValuesDocumentationTest {
    private static final Path VALUES = Repo.CHART.resolve("values.yaml");
    private static final Path README = Repo.CHART.resolve("README.md");

    @Test
    void everyValueIsDocumentedByAParamOfItselfOrOfAnEnclosingValue() {
        List<String> params = ParameterTable.params(Repo.read(VALUES)).stream().map(Param::path).toList();
        List<String> undocumented = new ArrayList<>();
        leaves("", Yamls.document(Repo.read(VALUES)), undocumented, params);

        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyParamNamesAValueAndOnlyOnce() {
        Map<String, Object> values = Yamls.document(Repo.read(VALUES));
        Set<String> seen = new TreeSet<>();
        for (Param p : ParameterTable.params(Repo.read(VALUES))) {
            assertThat(hasPath(values, p.path())).as("@param %s names no value", p.path()).isTrue();
            assertThat(seen.add(p.path())).as("@param %s twice", p.path()).isTrue();
        }
        assertThat(seen).hasSizeGreaterThan(100);
    }

    @Test
    void everyParamIsDescribedByTheValuesSchema() {
        JsonNode schema = Yamls.JSON.readTree(Repo.read(Repo.CHART.resolve("values.schema.json")));
        for (Param p : ParameterTable.params(Repo.read(VALUES))) {
            assertThat(describes(schema, schema, p.path().split("\\."), 0)).as("values.schema.json describes %s", p.path()).isTrue();
        }
    }

    @Test
    void theReadmeParameterTableIsGeneratedFromTheCurrentValues() throws IOException {
        String readme = Repo.read(README);
        String expected = ParameterTable.readmeWithTable(readme, Repo.read(VALUES));
        if (Boolean.getBoolean("chat.helm.readme.write") && !expected.equals(readme)) {
            Files.writeString(README, expected);
            readme = expected;
        }

        assertThat(readme).as("helm/chat/README.md is stale: mvn -pl deploy-tests verify -Dchat.helm.readme.write=true")
                .isEqualTo(expected);
    }

    /** The values the chart is rendered with in production are the defaults plus values-production.yaml. */
    @Test
    void productionValuesOnlySetValuesThatExist() {
        Map<String, Object> defaults = Chart.values(Values.DEFAULT);
        List<String> unknown = new ArrayList<>();
        leaves("", Yamls.document(Repo.read(Repo.CHART.resolve("values-production.yaml"))), unknown, List.of());
        unknown.removeIf(path -> hasPath(defaults, path) || isUnderAMap(defaults, path));

        assertThat(unknown).isEmpty();
    }

    private static void leaves(String prefix, Object node, List<String> out, List<String> documented) {
        if (!prefix.isEmpty() && documented.stream().anyMatch(p -> prefix.equals(p) || prefix.startsWith(p + "."))) return;
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> leaves(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out, documented));
        } else {
            out.add(prefix);
        }
    }

    private static boolean hasPath(Map<String, Object> values, String path) {
        Object node = values;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) return false;
            node = map.get(key);
        }
        return true;
    }

    /**
     * A production value that is not in values.yaml but is documented all the same: it lies under a value documented
     * as a whole (a service's resources or env, a map of labels), or it is a `defaults` setting that one service
     * sets again (services.<name>.<setting>).
     */
    private static boolean isUnderAMap(Map<String, Object> defaults, String path) {
        List<String> documented = ParameterTable.params(Repo.read(VALUES)).stream().map(Param::path).toList();
        if (documented.stream().anyMatch(p -> path.startsWith(p + "."))) return true;
        String[] parts = path.split("\\.", 3);
        if (parts.length < 3 || !parts[0].equals("services")) return false;
        String setting = "defaults." + parts[2];
        return hasPath(defaults, setting) || documented.stream().anyMatch(p -> setting.startsWith(p + "."));
    }

    private static boolean describes(JsonNode root, JsonNode schema, String[] path, int i) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            return describes(root, root.at(ref.substring(1)), path, i);
        }
        if (i == path.length) return true;
        JsonNode props = schema.path("properties");
        if (props.has(path[i])) return describes(root, props.get(path[i]), path, i + 1);
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) return describes(root, additional, path, i + 1);
        return false;
    }
}
