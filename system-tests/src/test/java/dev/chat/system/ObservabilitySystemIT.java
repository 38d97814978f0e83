package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard and the alert rules read (helm/chat/files, parsed, not listed here) is produced
 * by the running stack: scraped from {@code /actuator/prometheus} of every service after a message went through.
 */
class ObservabilitySystemIT {

    /** Written by Prometheus itself for every target it scrapes, not by a service. */
    private static final Set<String> WRITTEN_BY_PROMETHEUS = Set.of("up");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsScrapedFromTheStack() {
        Stack stack = Stack.shared();
        Api api = new Api(stack.gatewayUrl());
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        try (SocketClient bobSocket = new SocketClient(api, stack.gatewayWsUrl(), bob)) {
            String dm = api.createDirect(alice, bob);
            api.send(alice, dm, "measured");
            bobSocket.awaitApplied(dm, 1);
        }
        Set<String> used = new TreeSet<>();
        Stream.concat(MonitoredMetrics.dashboardExpressions(stack.root()).stream(),
                        MonitoredMetrics.alertExpressions(stack.root()).stream())
                .forEach(expr -> used.addAll(MonitoredMetrics.in(expr)));
        used.removeAll(WRITTEN_BY_PROMETHEUS);
        assertThat(used).hasSizeGreaterThan(8);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> scraped = scrapedNames(stack);
            assertThat(scraped).containsAll(used);
        });
    }

    private Set<String> scrapedNames(Stack stack) throws Exception {
        Set<String> names = new TreeSet<>();
        for (String service : List.of("gateway", "auth", "conversation", "message", "presence-0", "presence-1",
                "notification", "media")) {
            HttpResponse<Stream<String>> response = http.send(
                    HttpRequest.newBuilder(URI.create(stack.serviceUrl(service) + "/actuator/prometheus")).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).as(service).isEqualTo(200);
            response.body().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        }
        return names;
    }
}
