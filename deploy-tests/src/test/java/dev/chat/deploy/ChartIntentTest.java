package dev.chat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.deploy.Chart.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the chart must do, checked on what it renders with the default and the production values. */
class ChartIntentTest {

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyServiceIsOneDeploymentWithAServiceAndAConfigMap(Values values) {
        assertThat(components(values, "Deployment")).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        assertThat(components(values, "Service")).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        // The Grafana dashboard's ConfigMap (production) belongs to the release, no component.
        assertThat(Chart.render(values, "ConfigMap").stream().map(Manifest::component).filter(java.util.Objects::nonNull))
                .containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
    }

    /** The OpenTelemetry demo chart's shape: one template renders every service; differences live in values. */
    @Test
    void oneTemplateRendersTheDeploymentOfEveryService() throws IOException {
        try (Stream<Path> templates = Files.list(Repo.CHART.resolve("templates"))) {
            List<String> withDeployments = templates
                    .filter(p -> Repo.read(p).matches("(?s).*(?m:^kind: Deployment$).*"))
                    .map(p -> p.getFileName().toString()).toList();
            assertThat(withDeployments).containsExactly("deployment.yaml");
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyDeploymentProbesTheActuatorHealthGroups(Values values) {
        for (Manifest d : Chart.render(values, "Deployment")) {
            Map<String, Object> c = d.containers().getFirst();
            assertThat(Yamls.<String>at(c, "startupProbe.httpGet.path")).as("%s", d).isEqualTo("/actuator/health/liveness");
            assertThat(Yamls.<String>at(c, "livenessProbe.httpGet.path")).as("%s", d).isEqualTo("/actuator/health/liveness");
            assertThat(Yamls.<String>at(c, "readinessProbe.httpGet.path")).as("%s", d).isEqualTo("/actuator/health/readiness");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(Yamls.<Object>at(c, probe + ".httpGet.port")).as("%s %s", d, probe).isEqualTo("http");
            }
            // The startup probe gives a cold JVM time; liveness does not have to.
            int startupBudget = Yamls.<Integer>at(c, "startupProbe.periodSeconds") * Yamls.<Integer>at(c, "startupProbe.failureThreshold");
            assertThat(startupBudget).as("%s startup budget (s)", d).isGreaterThanOrEqualTo(120);
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyContainerHasResourceRequestsAndLimits(Values values) {
        for (Manifest w : workloads(values)) {
            for (Map<String, Object> c : w.containers()) {
                for (String r : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                    assertThat(Yamls.<Object>at(c, "resources." + r)).as("%s %s", w, r).isNotNull();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyPodRunsAsNonRootOnAReadOnlyRootFileSystemWithoutCapabilities(Values values) {
        for (Manifest w : workloads(values)) {
            Map<String, Object> pod = w.podSpec();
            assertThat(Yamls.<Boolean>at(pod, "securityContext.runAsNonRoot")).as("%s", w).isTrue();
            assertThat(Yamls.<Integer>at(pod, "securityContext.runAsUser")).as("%s", w).isPositive();
            assertThat(Yamls.<String>at(pod, "securityContext.seccompProfile.type")).as("%s", w).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).as("%s", w).isEqualTo(false);
            for (Map<String, Object> c : w.containers()) {
                assertThat(Yamls.<Boolean>at(c, "securityContext.readOnlyRootFilesystem")).as("%s", w).isTrue();
                assertThat(Yamls.<Boolean>at(c, "securityContext.allowPrivilegeEscalation")).as("%s", w).isFalse();
                assertThat(Yamls.<List<String>>at(c, "securityContext.capabilities.drop")).as("%s", w).containsExactly("ALL");
                // A read-only root needs somewhere to write: an emptyDir on /tmp.
                List<Map<String, Object>> mounts = Yamls.at(c, "volumeMounts");
                String tmpVolume = mounts.stream().filter(m -> "/tmp".equals(m.get("mountPath")))
                        .map(m -> (String) m.get("name")).findFirst().orElseThrow();
                List<Map<String, Object>> volumes = Yamls.at(pod, "volumes");
                assertThat(volumes).as("%s", w).anyMatch(v -> tmpVolume.equals(v.get("name")) && v.containsKey("emptyDir"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyServiceRunningMoreThanOnePodHasADisruptionBudgetAndOnlyThose(Values values) {
        Set<String> autoscaled = components(values, "HorizontalPodAutoscaler");
        Set<String> expected = new TreeSet<>(autoscaled);
        for (Manifest d : Chart.render(values, "Deployment")) {
            Integer replicas = d.at("spec.replicas");
            if (replicas != null && replicas > 1) expected.add(d.component());
            if (autoscaled.contains(d.component())) {
                assertThat(replicas).as("%s leaves replicas to its autoscaler", d).isNull();
            }
        }
        assertThat(components(values, "PodDisruptionBudget")).isEqualTo(expected);
        for (Manifest pdb : Chart.render(values, "PodDisruptionBudget")) {
            Manifest deployment = deployment(values, pdb.component());
            assertThat((Object) pdb.at("spec.selector.matchLabels")).isEqualTo(deployment.at("spec.selector.matchLabels"));
        }
    }

    @Test
    void productionRunsSeveralPodsOfEveryServiceAndAutoscalesTheBusyOnes() {
        for (Manifest d : Chart.render(Values.PRODUCTION, "Deployment")) {
            Integer replicas = d.at("spec.replicas");
            if (replicas != null) assertThat(replicas).as("%s", d).isBetween(2, 3);
        }
        assertThat(components(Values.PRODUCTION, "HorizontalPodAutoscaler")).contains("gateway", "message", "presence");
        assertThat(components(Values.PRODUCTION, "PodDisruptionBudget")).containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        for (Manifest hpa : Chart.render(Values.PRODUCTION, "HorizontalPodAutoscaler")) {
            assertThat((String) hpa.at("spec.scaleTargetRef.name")).isEqualTo(deployment(Values.PRODUCTION, hpa.component()).name());
            assertThat((Integer) hpa.at("spec.minReplicas")).as("%s", hpa).isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void networkPoliciesDenyAllIngressInTheNamespaceByDefault(Values values) {
        List<Manifest> denyAll = Chart.render(values, "NetworkPolicy").stream()
                .filter(p -> ((Map<?, ?>) p.at("spec.podSelector")).isEmpty()).toList();

        assertThat(denyAll).singleElement().satisfies(p -> {
            assertThat((List<String>) p.at("spec.policyTypes")).containsExactly("Ingress");
            assertThat((Object) p.at("spec.ingress")).isNull();
        });
    }

    /**
     * Who may call whom, from the services' own configuration: the gateway routes to all but itself, message-service
     * asks conversation-service, conversation-service asks auth-service, media-service asks message-service (who may
     * download an attachment), and every service that verifies tokens
     * fetches auth-service's JWKS. The gateway alone is open to the ingress controller.
     */
    @ParameterizedTest
    @EnumSource(Values.class)
    void eachServiceIsReachableOnlyFromTheServicesThatCallIt(Values values) {
        Map<String, Set<String>> expected = new TreeMap<>(Map.of(
                "auth", Set.of("gateway", "conversation", "message", "presence", "notification", "media"),
                "conversation", Set.of("gateway", "message"),
                "message", Set.of("gateway", "media"),
                "presence", Set.of("gateway"),
                "notification", Set.of("gateway"),
                "media", Set.of("gateway"),
                "gateway", Set.of()));
        Map<String, Set<String>> actual = new TreeMap<>();
        Object ingressController = Yamls.at(Chart.values(values), "networkPolicy.ingressController");
        for (Manifest policy : Chart.render(values, "NetworkPolicy")) {
            if (policy.component() == null || !Repo.SERVICES.contains(policy.component())) continue;
            assertThat((List<String>) policy.at("spec.policyTypes")).containsExactly("Ingress", "Egress");
            assertThat(Yamls.<Map<String, String>>at(policy.body(), "spec.podSelector.matchLabels"))
                    .containsEntry("app.kubernetes.io/component", policy.component());
            Set<String> callers = new TreeSet<>();
            boolean fromIngressController = false;
            for (Map<String, Object> rule : Yamls.<List<Map<String, Object>>>at(policy.body(), "spec.ingress")) {
                for (Map<String, Object> peer : (List<Map<String, Object>>) rule.get("from")) {
                    List<Map<String, Object>> exprs = Yamls.at(peer, "podSelector.matchExpressions");
                    if (exprs != null) {
                        exprs.stream().filter(e -> "app.kubernetes.io/component".equals(e.get("key")))
                                .forEach(e -> callers.addAll((List<String>) e.get("values")));
                    } else if (peer.equals(ingressController)) {
                        fromIngressController = true;
                    }
                }
            }
            actual.put(policy.component(), callers);
            assertThat(fromIngressController).as("%s open to the ingress controller", policy).isEqualTo(policy.component().equals("gateway"));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void eachServiceMayOnlyReachDnsItsCalleesAndItsDependencies(Values values) {
        for (Manifest policy : Chart.render(values, "NetworkPolicy")) {
            if (!"notification".equals(policy.component())) continue;
            List<Map<String, Object>> egress = policy.at("spec.egress");
            Set<Integer> ports = egress.stream().flatMap(r -> ((List<Map<String, Object>>) r.get("ports")).stream())
                    .map(p -> (Integer) p.get("port")).collect(Collectors.toCollection(TreeSet::new));
            // DNS, auth's JWKS, PostgreSQL, Kafka, Redis; not S3, not the other services.
            assertThat(ports).containsExactlyInAnyOrder(53, 8081, 5432, 9092, 6379);
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void onlyTheGatewayHasAnIngressAndItKeepsWebSocketsOpen(Values values) {
        assertThat(Chart.render(values, "Ingress")).singleElement().satisfies(ingress -> {
            assertThat(ingress.component()).isEqualTo("gateway");
            assertThat(ingress.annotations())
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                    .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
            List<Map<String, Object>> rules = ingress.at("spec.rules");
            for (Map<String, Object> rule : rules) {
                for (Map<String, Object> path : Yamls.<List<Map<String, Object>>>at(rule, "http.paths")) {
                    assertThat(Yamls.<String>at(path, "backend.service.name")).isEqualTo(deployment(values, "gateway").name());
                }
            }
        });
        assertThat(Chart.render(Values.PRODUCTION, "Ingress").getFirst().<List<?>>at("spec.tls")).isNotEmpty();
    }

    /**
     * A stopping presence node keeps its sockets while the endpoints and the gateway's health check drop it
     * (preStop), then Spring closes them with 1001 within its shutdown phase timeout: the grace period covers both.
     */
    @ParameterizedTest
    @EnumSource(Values.class)
    void presenceDrainsItsSocketsBeforeItIsKilled(Values values) {
        Manifest presence = deployment(values, "presence");
        Map<String, Object> container = presence.containers().getFirst();
        Integer sleep = Yamls.at(container, "lifecycle.preStop.sleep.seconds");
        Integer grace = presence.at("spec.template.spec.terminationGracePeriodSeconds");
        String shutdownPhase = Wiring.springProperty("presence", "spring.lifecycle.timeout-per-shutdown-phase");

        assertThat(sleep).isGreaterThanOrEqualTo(5);
        assertThat(grace).isGreaterThan(sleep + (int) Duration.parse("PT" + shutdownPhase.toUpperCase()).toSeconds());
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void everyConnectionSettingAServiceReadsIsSet(Values values) {
        assertThat(Wiring.settingsReadBy("media")).contains("CHAT_DB_URL", "CHAT_KAFKA_BOOTSTRAP", "CHAT_S3_SECRET_KEY");
        assertThat(Wiring.settingsReadBy("gateway")).contains("CHAT_PRESENCE_URI", "CHAT_NOTIFICATION_URI");
        Map<String, Map<String, String>> configMaps = Chart.render(values, "ConfigMap").stream()
                .collect(Collectors.toMap(Manifest::component, m -> m.at("data")));
        for (String service : Repo.SERVICES) {
            Manifest d = deployment(values, service);
            Set<String> set = new TreeSet<>(configMaps.get(service).keySet());
            List<Map<String, Object>> env = Yamls.at(d.containers().getFirst(), "env");
            if (env != null) env.forEach(e -> set.add((String) e.get("name")));

            assertThat(set).as("%s", service).containsAll(Wiring.settingsReadBy(service));
        }
    }

    @Test
    void productionTakesEveryCredentialFromAnExistingSecret() {
        assertThat(Chart.render(Values.PRODUCTION, "Secret")).isEmpty();
        Set<String> secretsUsed = new TreeSet<>();
        for (Manifest d : Chart.render(Values.PRODUCTION, "Deployment")) {
            List<Map<String, Object>> env = Yamls.at(d.containers().getFirst(), "env");
            if (env == null) continue;
            for (Map<String, Object> e : env) secretsUsed.add(Yamls.at(e, "valueFrom.secretKeyRef.name"));
        }
        assertThat(secretsUsed).contains("chat-s3", "chat-auth-db", "chat-message-db").doesNotContainNull();
        // The default values create the chart's own, and the pods reference those.
        assertThat(Chart.render(Values.DEFAULT, "Secret")).extracting(Manifest::name).containsExactlyInAnyOrder("chat-postgresql", "chat-s3");
    }

    @Test
    void productionIsScrapedByPrometheusThroughAServiceMonitor() {
        assertThat(Chart.render(Values.DEFAULT, "ServiceMonitor")).isEmpty();
        assertThat(Chart.render(Values.PRODUCTION, "ServiceMonitor")).singleElement().satisfies(sm -> {
            assertThat(Yamls.<String>at(((List<?>) sm.at("spec.endpoints")).getFirst(), "path")).isEqualTo("/actuator/prometheus");
            Map<String, String> selector = sm.at("spec.selector.matchLabels");
            for (Manifest service : Chart.render(Values.PRODUCTION, "Service")) {
                assertThat(Yamls.<Map<String, String>>at(service.body(), "metadata.labels")).containsAllEntriesOf(selector);
            }
        });
        // And the scraper gets through the network policies.
        for (Manifest policy : Chart.render(Values.PRODUCTION, "NetworkPolicy")) {
            if (policy.component() != null && Repo.SERVICES.contains(policy.component())) {
                assertThat(policy.body().toString()).contains("app.kubernetes.io/name=prometheus");
            }
        }
    }

    /** files/chat-alerts.yaml and files/chat-dashboard.json, as they are: ObservabilitySystemIT checks their metrics. */
    @Test
    void productionShipsTheAlertRulesAndTheDashboardFromTheChartsFiles() {
        assertThat(Chart.render(Values.DEFAULT, "PrometheusRule")).isEmpty();
        assertThat(Chart.render(Values.PRODUCTION, "PrometheusRule")).singleElement().satisfies(rule -> {
            assertThat(Yamls.<Map<String, String>>at(rule.body(), "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
            assertThat(Yamls.<Object>at(rule.body(), "spec")).isEqualTo(Yamls.document(Repo.read(Repo.CHART.resolve("files/chat-alerts.yaml"))));
        });
        Manifest dashboard = Chart.render(Values.PRODUCTION, "ConfigMap").stream()
                .filter(c -> "chat-dashboard".equals(c.name())).findFirst().orElseThrow();
        assertThat(Yamls.<Map<String, String>>at(dashboard.body(), "metadata.labels")).containsEntry("grafana_dashboard", "1");
        assertThat(Yamls.JSON.readTree(Yamls.<Map<String, String>>at(dashboard.body(), "data").get("chat-dashboard.json")))
                .isEqualTo(Yamls.JSON.readTree(Repo.read(Repo.CHART.resolve("files/chat-dashboard.json"))));
    }

    /** JSON logs with trace ids by default; spans leave only when asked. */
    @ParameterizedTest
    @EnumSource(Values.class)
    void everyServiceLogsJsonAndExportsTracesOnlyWhenAsked(Values values) {
        for (Manifest config : Chart.render(values, "ConfigMap")) {
            if (config.component() == null || !Repo.SERVICES.contains(config.component())) continue;
            assertThat(Yamls.<Map<String, String>>at(config.body(), "data"))
                    .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs").containsEntry("CHAT_TRACING_EXPORT", "false");
        }
    }

    @ParameterizedTest
    @EnumSource(Values.class)
    void theTopicJobRunsBeforeInstallAndUpgradeAndCompactsTheUsersTopic(Values values) {
        Manifest job = Chart.render(values, "Job").stream().filter(j -> "kafka-topics".equals(j.component())).findFirst().orElseThrow();
        String script = String.join("\n", (List<String>) job.containers().getFirst().get("args"));

        assertThat(job.annotations()).containsEntry("chat.test/hook", "pre-install,pre-upgrade");
        // Hooks run before the release's own objects exist: the Job cannot use the chart's ServiceAccount.
        assertThat(job.podSpec()).doesNotContainKey("serviceAccountName");
        assertThat(script).contains("topic \"chat.users.v1\" ").contains("cleanup.policy=compact");
        for (String topic : Topics.chart(values).keySet()) assertThat(script).contains("topic \"" + topic + "\"");
        // Its own NetworkPolicy exists before it runs (a lower hook weight), or the default deny would cut it off.
        Manifest policy = Chart.render(values, "NetworkPolicy").stream().filter(p -> "kafka-topics".equals(p.component())).findFirst().orElseThrow();
        assertThat(Integer.parseInt(policy.annotations().get("chat.test/hook-weight")))
                .isLessThan(Integer.parseInt(job.annotations().get("chat.test/hook-weight")));
    }

    private static List<Manifest> workloads(Values values) {
        List<Manifest> out = new ArrayList<>(Chart.render(values, "Deployment"));
        out.addAll(Chart.render(values, "Job"));
        return out;
    }

    private static Manifest deployment(Values values, String component) {
        return Chart.render(values, "Deployment").stream().filter(d -> component.equals(d.component())).findFirst().orElseThrow();
    }

    private static Set<String> components(Values values, String kind) {
        return Chart.render(values, kind).stream().map(Manifest::component).collect(Collectors.toCollection(TreeSet::new));
    }
}
