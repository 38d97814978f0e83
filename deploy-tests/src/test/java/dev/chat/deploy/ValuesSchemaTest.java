package dev.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import dev.chat.deploy.Chart.Values;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** helm/chat/values.schema.json (hand-written; Helm checks values against it at install). */
class ValuesSchemaTest {
    private static final Schema SCHEMA = Schemas.fromFile(Repo.CHART.resolve("values.schema.json"));

    @ParameterizedTest
    @EnumSource(Values.class)
    void theChartsValuesMatchItsSchema(Values values) {
        assertThat(SCHEMA.validate(Yamls.tree(Chart.values(values)))).isEmpty();
    }

    @Test
    void aMisspeltOrMistypedValueIsRejected() {
        Map<String, Object> values = Chart.values(Values.DEFAULT);
        Map<String, Object> misspelt = Chart.merge(values, Map.of("services", Map.of("gateway", Map.of("replcias", 2))));
        Map<String, Object> mistyped = Chart.merge(values, Map.of("services", Map.of("message", Map.of("replicas", "two"))));
        Map<String, Object> unknownDependency = Chart.merge(values, Map.of("services",
                Map.of("media", Map.of("uses", java.util.List.of("postgres")))));
        Map<String, Object> noDatabase = Yamls.document(new org.yaml.snakeyaml.Yaml().dump(values));
        Yamls.<Map<String, Object>>at(noDatabase, "services.auth").remove("database");

        assertThat(SCHEMA.validate(Yamls.tree(misspelt))).singleElement().asString().contains("replcias");
        assertThat(SCHEMA.validate(Yamls.tree(mistyped))).singleElement().asString().contains("replicas");
        assertThat(SCHEMA.validate(Yamls.tree(unknownDependency))).isNotEmpty();
        assertThat(SCHEMA.validate(Yamls.tree(noDatabase))).asString().contains("database");
    }
}
