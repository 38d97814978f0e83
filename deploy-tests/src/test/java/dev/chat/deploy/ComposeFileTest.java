package dev.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docker-compose.yml: the whole system with one `docker compose up -d`. */
class ComposeFileTest {
    private static final Map<String, Object> COMPOSE = Yamls.document(Repo.read(Repo.COMPOSE));

    @Test
    void matchesTheComposeSpecification() {
        assertThat(Schemas.composeProblems(COMPOSE)).isEmpty();
    }

    /** A guard: the schema is strict about service keys, so passing means something. */
    @Test
    void theComposeSchemaRejectsAnUnknownServiceKey() {
        Map<String, Object> broken = Chart.merge(COMPOSE, Map.of("services", Map.of("redis", Map.of("helthcheck", Map.of()))));

        assertThat(Schemas.composeProblems(broken)).singleElement().asString().contains("helthcheck");
    }

    @Test
    void everyLongRunningContainerHasAHealthcheckAndEveryOneShotExitsOnce() {
        services().forEach((name, service) -> {
            if ("no".equals(service.get("restart"))) {
                assertThat(service).as(name).doesNotContainKey("healthcheck");
            } else {
                assertThat(Yamls.<List<String>>at(service, "healthcheck.test")).as("%s healthcheck", name).isNotEmpty();
            }
        });
    }

    /** Nothing starts before what it needs is up: healthy servers, finished one-shot jobs (the topics). */
    @Test
    void everyDependencyWaitsForHealthOrCompletion() {
        Map<String, Map<String, Object>> services = services();
        services.forEach((name, service) -> {
            Map<String, Map<String, Object>> dependsOn = Yamls.at(service, "depends_on");
            if (dependsOn == null) return;
            dependsOn.forEach((dependency, how) -> {
                String expected = "no".equals(services.get(dependency).get("restart")) ? "service_completed_successfully" : "service_healthy";
                assertThat(how.get("condition")).as("%s -> %s", name, dependency).isEqualTo(expected);
            });
        });
        assertThat(Yamls.<Map<String, Object>>at(services.get("message"), "depends_on"))
                .containsKeys("postgres", "kafka", "kafka-init");
        assertThat(Yamls.<Map<String, Object>>at(services.get("gateway"), "depends_on"))
                .containsKeys("auth", "conversation", "message", "presence-1", "presence-2", "notification", "media");
    }

    @Test
    void everyServiceRunsFromItsJibImageAndPresenceRunsTwoNodesBehindTheGateway() {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> images = new TreeMap<>();
        services.forEach((name, service) -> images.put(name, (String) service.get("image")));
        for (String service : Repo.SERVICES) {
            String image = "chat/" + service + "-service:${CHAT_VERSION:-latest}";
            if (service.equals("presence")) {
                assertThat(images).containsEntry("presence-1", image).containsEntry("presence-2", image);
            } else {
                assertThat(images).containsEntry(service, image);
            }
        }
        Map<String, Object> gateway = Yamls.at(services.get("gateway"), "environment");
        assertThat(gateway.get("CHAT_PRESENCE_URI")).isEqualTo("http://presence-1:8084");
        assertThat((String) gateway.get("SPRING_APPLICATION_JSON")).contains("presence-service[1].uri", "http://presence-2:8084");
    }

    @Test
    void everyConnectionSettingAServiceReadsIsSet() {
        Map<String, Map<String, Object>> services = services();
        for (String service : Repo.SERVICES) {
            for (String container : service.equals("presence") ? List.of("presence-1", "presence-2") : List.of(service)) {
                Map<String, Object> env = Yamls.at(services.get(container), "environment");
                assertThat(env.keySet()).as(container).containsAll(Wiring.settingsReadBy(service));
            }
        }
    }

    /** Kafka runs KRaft (no ZooKeeper) and creates no topic by accident; PostgreSQL gets one database per service. */
    @Test
    void kafkaRunsInKraftModeAndPostgresHasADatabasePerService() {
        Map<String, Object> kafka = Yamls.at(services().get("kafka"), "environment");
        String init = Repo.read("deploy/postgres/init-databases.sh");

        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller").containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(kafka.keySet()).noneMatch(k -> k.contains("ZOOKEEPER"));
        Set<String> databases = new TreeSet<>();
        for (String service : Repo.SERVICES) {
            String url = Wiring.springProperty(service, "spring.datasource.url");
            if (url == null) continue;
            String database = url.replaceAll(".*/([a-z_]+)}?$", "$1");
            databases.add(database);
            assertThat(init).contains(database);
        }
        assertThat(databases).hasSize(6);
    }

    @Test
    void onlyTheGatewayKeycloakAndTheS3EndpointArePublished() {
        Set<String> published = new TreeSet<>();
        services().forEach((name, service) -> {
            if (service.containsKey("ports")) published.add(name);
        });

        assertThat(published).containsExactlyInAnyOrder("gateway", "keycloak", "s3");
    }

    private static Map<String, Map<String, Object>> services() {
        return Yamls.at(COMPOSE, "services");
    }
}
