package dev.chat.events.outbox;

import dev.chat.events.inbox.ConsumedEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every service with a DataSource an {@link OutboxWriter}, its {@link OutboxRelay} and
 * {@link ConsumedEvents}. The tables come from the Flyway location {@code classpath:db/chat-events}.
 * Settings: {@code chat.outbox.*}; the broker: {@code spring.kafka.bootstrap-servers}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBean(DataSource.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "chat.outbox.relay.enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(DataSource dataSource,
                            @Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers,
                            @Value("${spring.application.name:chat}") String appName,
                            @Value("${chat.outbox.shards:16}") int shards,
                            @Value("${chat.outbox.batch-size:500}") int batchSize,
                            @Value("${chat.outbox.poll-interval:PT0.5S}") Duration pollInterval,
                            @Value("${chat.outbox.send-timeout:PT10S}") Duration sendTimeout,
                            org.springframework.beans.factory.ObjectProvider<RelayTracing> tracing) {
        var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, appName + "-outbox",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // Fail a round quickly while the broker is away; the rows stay and the relay retries.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) sendTimeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis()),
                new StringSerializer(), new StringSerializer());
        var tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return new OutboxRelay(new JdbcTemplate(dataSource), tx, producer,
                new OutboxRelay.Settings(shards, batchSize, pollInterval, sendTimeout, Duration.ofSeconds(5)),
                tracing.getIfAvailable(() -> RelayTracing.NONE));
    }

    @Bean
    OutboxWriter outboxWriter(DataSource dataSource,
                              org.springframework.beans.factory.ObjectProvider<OutboxRelay> relay,
                              @Value("${chat.outbox.shards:16}") int shards) {
        OutboxRelay r = relay.getIfAvailable();
        return new OutboxWriter(new JdbcTemplate(dataSource), r == null ? () -> { } : r::wake, shards);
    }

    @Bean
    ConsumedEvents consumedEvents(DataSource dataSource) {
        return new ConsumedEvents(new JdbcTemplate(dataSource));
    }

    @Bean
    OutboxMaintenance outboxMaintenance(DataSource dataSource, ConsumedEvents consumed,
                                        @Value("${chat.outbox.backlog-interval:PT5S}") Duration backlogInterval,
                                        @Value("${chat.inbox.purge-interval:PT1H}") Duration purgeInterval,
                                        @Value("${chat.inbox.retention:P8D}") Duration retention) {
        return new OutboxMaintenance(new JdbcTemplate(dataSource), consumed,
                new OutboxMaintenance.Settings(backlogInterval, purgeInterval, retention));
    }

    /** Trace context on the relay's records when the service traces (Micrometer Tracing). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class Tracing {

        // Looked up when the relay is created, not by a bean condition: the tracing auto-configurations may come later.
        @Bean
        RelayTracing relayTracing(org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
                                  org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
            var t = tracer.getIfAvailable();
            var p = propagator.getIfAvailable();
            return t == null || p == null ? RelayTracing.NONE : new MicrometerRelayTracing(t, p);
        }
    }

    /** The backlog as gauges: a growing age means events are not reaching Kafka. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        MeterBinder outboxBacklogMeters(OutboxMaintenance maintenance) {
            return registry -> {
                Gauge.builder("chat.outbox.backlog.rows", maintenance, m -> m.backlog().rows())
                        .description("Outbox rows not yet acknowledged by Kafka").register(registry);
                Gauge.builder("chat.outbox.backlog.age", maintenance, m -> m.backlog().oldestAgeSeconds())
                        .baseUnit("seconds").description("Age of the oldest outbox row").register(registry);
            };
        }
    }

    /** The backlog as a detail of /actuator/health (never DOWN: a stuck outbox loses nothing, it waits). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {

        @Bean
        HealthIndicator outboxHealthIndicator(OutboxMaintenance maintenance,
                                              @Value("${chat.outbox.stale-after:PT30S}") Duration staleAfter) {
            return () -> {
                OutboxMaintenance.Backlog backlog = maintenance.backlog();
                return org.springframework.boot.health.contributor.Health.up()
                        .withDetail("rows", backlog.rows())
                        .withDetail("oldestAgeSeconds", backlog.oldestAgeSeconds())
                        .withDetail("stale", backlog.oldestAgeSeconds() > staleAfter.toSeconds())
                        .build();
            };
        }
    }
}
