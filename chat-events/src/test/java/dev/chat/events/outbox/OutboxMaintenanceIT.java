package dev.chat.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.inbox.ConsumedEvents;
import dev.chat.testsupport.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The backlog gauge's reading and the dedupe purge, against a real PostgreSQL. */
class OutboxMaintenanceIT {

    static JdbcTemplate jdbc;
    static OutboxMaintenance maintenance;

    @BeforeAll
    static void schema() throws IOException {
        DataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                Postgres.freshDatabase("outbox_maintenance_it"), Postgres.USER, Postgres.PASSWORD);
        jdbc = new JdbcTemplate(dataSource);
        try (var in = OutboxMaintenanceIT.class.getResourceAsStream("/db/chat-events/V0_1__outbox.sql")) {
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        maintenance = new OutboxMaintenance(jdbc, new ConsumedEvents(jdbc),
                new OutboxMaintenance.Settings(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofDays(8)));
    }

    @Test
    void theBacklogCountsWaitingRowsAndTheAgeOfTheOldest() {
        jdbc.update("delete from outbox");
        assertThat(maintenance.refreshBacklog()).isEqualTo(new OutboxMaintenance.Backlog(0, 0));

        for (int i = 0; i < 3; i++) {
            jdbc.update("""
                    insert into outbox (shard, topic, event_key, event_id, event_type, payload, created_at)
                    values (0, 't', 'k', ?, 'X', '{}', now() - interval '90 seconds')""", UUID.randomUUID());
        }

        OutboxMaintenance.Backlog backlog = maintenance.refreshBacklog();
        assertThat(backlog.rows()).isEqualTo(3);
        assertThat(backlog.oldestAgeSeconds()).isGreaterThanOrEqualTo(90);
        assertThat(maintenance.backlog()).isEqualTo(backlog);
    }

    @Test
    void markersOlderThanTheRetentionArePurgedAndNewerOnesKept() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        jdbc.update("insert into consumed_events (consumer, event_id, consumed_at) values ('c', ?, now() - interval '9 days')", old);
        jdbc.update("insert into consumed_events (consumer, event_id) values ('c', ?)", recent);

        assertThat(maintenance.purgeConsumedEvents()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("select event_id from consumed_events where event_id in (?, ?)", UUID.class,
                old, recent)).containsExactly(recent);
    }
}
