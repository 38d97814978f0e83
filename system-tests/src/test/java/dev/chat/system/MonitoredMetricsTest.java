package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MonitoredMetricsTest {
    private static final Path ROOT = Path.of(System.getProperty("chat.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void findsTheMetricsOfAnExpressionAndNothingElse() {
        assertThat(MonitoredMetrics.in("""
                histogram_quantile(0.99, sum by (le) (rate(chat_presence_delivery_latency_seconds_bucket{job=~"a|b"}[$__rate_interval]))) > 1
                or max by (job, client_id) (kafka_consumer_fetch_manager_records_lag_max offset 5m) > 1e3
                and on (job) up{job="x"} == 0"""))
                .containsExactlyInAnyOrder("chat_presence_delivery_latency_seconds_bucket",
                        "kafka_consumer_fetch_manager_records_lag_max", "up");
    }

    @Test
    void theDashboardAndTheAlertsReadTheMetricsTheyAreAbout() {
        var dashboard = MonitoredMetrics.dashboardExpressions(ROOT).stream().flatMap(e -> MonitoredMetrics.in(e).stream()).toList();
        var alerts = MonitoredMetrics.alertExpressions(ROOT).stream().flatMap(e -> MonitoredMetrics.in(e).stream()).toList();

        assertThat(dashboard).contains("chat_messages_sent_total", "chat_presence_delivery_latency_seconds_bucket",
                "chat_notification_fanout_seconds_bucket", "chat_presence_sockets_open", "chat_outbox_backlog_rows",
                "chat_outbox_backlog_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
                "chat_web_admission_rejected_total");
        assertThat(alerts).contains("up", "chat_outbox_backlog_age_seconds", "kafka_consumer_fetch_manager_records_lag_max",
                "chat_presence_delivery_latency_seconds_bucket", "chat_web_admission_rejected_total",
                "chat_presence_sockets_refused_total", "chat_gateway_requests_refused_total");
    }
}
