package dev.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.deploy.Chart.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** helm lint and helm template of helm/chat, and every rendered object against the vendored schemas. */
class RenderedManifestsTest {

    @ParameterizedTest
    @EnumSource(Values.class)
    void chartLintsWithoutErrorsOrWarnings(Values values) {
        var result = Chart.lint(values);

        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).allMatch(m -> m.startsWith("[INFO]"));
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyRenderedObjectIsValidAgainstTheKubernetesAndCrdSchemas(Values values) {
        List<Manifest> objects = Chart.render(values);
        List<String> problems = new ArrayList<>();
        objects.forEach(m -> problems.addAll(Schemas.problems(m)));

        assertThat(objects).hasSizeGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyRenderedObjectIsNamespacedToTheReleaseAndUniquelyNamed(Values values) {
        Map<String, Manifest> seen = new LinkedHashMap<>();
        for (Manifest m : Chart.render(values)) {
            assertThat((String) m.at("metadata.namespace")).as("%s", m).isEqualTo(Chart.NAMESPACE);
            assertThat(seen.put(m.kind() + "/" + m.name(), m)).as("a second %s", m).isNull();
        }
    }

    /** A guard: the schemas are strict (an unknown field fails) and know what is required, so passing means something. */
    @Test
    void theSchemasRejectAMisspeltFieldAndAMissingRequiredOne() {
        Manifest deployment = Chart.render(Values.DEFAULT, "Deployment").getFirst();
        Map<String, Object> misspelt = copy(deployment.body());
        Map<String, Object> container = ((List<Map<String, Object>>) Yamls.<Map<String, Object>>at(misspelt, "spec.template.spec")
                .get("containers")).getFirst();
        container.put("livenesProbe", container.remove("livenessProbe"));
        Map<String, Object> noSelector = copy(deployment.body());
        Yamls.<Map<String, Object>>at(noSelector, "spec").remove("selector");

        assertThat(Schemas.problems(new Manifest("test", misspelt))).singleElement().asString().contains("livenesProbe");
        assertThat(Schemas.problems(new Manifest("test", noSelector))).singleElement().asString().contains("selector");
        assertThat(Schemas.problems(new Manifest("test", Map.of("apiVersion", "example.com/v1", "kind", "Unknown"))))
                .singleElement().asString().contains("no vendored schema");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> body) {
        return (Map<String, Object>) Yamls.documents(new org.yaml.snakeyaml.Yaml().dump(body)).getFirst();
    }
}
