package dev.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.deploy.Chart.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** k8s/: what the chart expects in a dev cluster, as plain manifests. */
class K8sManifestsTest {

    @Test
    void everyManifestIsValidYamlAndEveryObjectMatchesTheVendoredSchemas() throws IOException {
        List<Manifest> objects = manifests();
        List<String> problems = new ArrayList<>();
        objects.forEach(m -> problems.addAll(Schemas.problems(m)));

        assertThat(objects).extracting(Manifest::kind)
                .contains("Namespace", "StatefulSet", "Kafka", "KafkaNodePool", "KafkaTopic", "Deployment", "ConfigMap");
        assertThat(problems).isEmpty();
    }

    @Test
    void kafkaIsAKraftClusterFromANodePoolWithDualRoleNodes() throws IOException {
        Manifest kafka = manifests().stream().filter(m -> m.kind().equals("Kafka")).findFirst().orElseThrow();
        Manifest pool = manifests().stream().filter(m -> m.kind().equals("KafkaNodePool")).findFirst().orElseThrow();

        assertThat(Yamls.<Map<String, String>>at(pool.body(), "metadata.labels")).containsEntry("strimzi.io/cluster", kafka.name());
        assertThat((List<String>) pool.at("spec.roles")).containsExactlyInAnyOrder("controller", "broker");
        assertThat((Object) kafka.at("spec.zookeeper")).isNull();
        assertThat((Object) kafka.at("spec.entityOperator.topicOperator")).isNotNull();
        // The address the chart's default values use.
        assertThat(Yamls.<String>at(Chart.values(Values.DEFAULT), "kafka.bootstrapServers"))
                .startsWith(kafka.name() + "-kafka-bootstrap." + kafka.at("metadata.namespace"));
    }

    /** Three copies of the topics (the chart's Job, docker-compose's kafka-init, Strimzi KafkaTopics) say the same. */
    @Test
    void theTopicsAreTheSameForTheChartComposeAndStrimzi() {
        Map<String, String> chart = Topics.chart(Values.DEFAULT);

        assertThat(chart).containsKeys("chat.users.v1", "chat.conversations.v1", "chat.messages.v1", "chat.receipts.v1",
                "chat.drafts.v1", "chat.presence.v1", "chat.media.v1", "chat.notifications.v1");
        assertThat(chart.get("chat.users.v1")).contains("cleanup.policy=compact");
        assertThat(Topics.compose()).isEqualTo(chart);
        assertThat(Topics.strimzi()).isEqualTo(chart);
    }

    @Test
    void theRealmAndTheDatabaseInitScriptAreTheOnesDockerComposeMounts() throws IOException {
        Map<String, String> realm = configMapData("keycloak-realm");
        Map<String, String> init = configMapData("postgresql-init");

        assertThat(Yamls.JSON.readTree(realm.get("chat-realm.json")))
                .isEqualTo(Yamls.JSON.readTree(Repo.read("deploy/keycloak/chat-realm.json")));
        assertThat(init.get("init-databases.sh")).isEqualTo(Repo.read("deploy/postgres/init-databases.sh"));
    }

    /** The chart's default values find the dependencies these manifests create, where they create them. */
    @Test
    void theChartsDefaultValuesPointAtTheseDependencies() throws IOException {
        Map<String, Object> values = Chart.values(Values.DEFAULT);
        List<String> services = manifests().stream().filter(m -> m.kind().equals("Service"))
                .map(m -> m.name() + "." + m.at("metadata.namespace") + ".svc.cluster.local").toList();

        assertThat(services).contains((String) Yamls.at(values, "postgresql.host"), (String) Yamls.at(values, "redis.host"));
        assertThat((String) Yamls.at(values, "s3.endpoint")).startsWith("http://" + services.stream()
                .filter(s -> s.startsWith("s3proxy.")).findFirst().orElseThrow());
        Map<String, String> postgresSecret = manifests().stream()
                .filter(m -> m.kind().equals("Secret") && m.name().equals("postgresql")).findFirst().orElseThrow().at("stringData");
        assertThat(postgresSecret.get("password")).isEqualTo(Yamls.at(values, "postgresql.password"));
    }

    private static Map<String, String> configMapData(String name) throws IOException {
        return manifests().stream().filter(m -> m.kind().equals("ConfigMap") && m.name().equals(name))
                .findFirst().orElseThrow().at("data");
    }

    private static List<Manifest> manifests() throws IOException {
        List<Manifest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repo.K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Yamls.documents(Repo.read(file)).forEach(doc -> out.add(new Manifest(file.getFileName().toString(), doc)));
            }
        }
        return out;
    }
}
