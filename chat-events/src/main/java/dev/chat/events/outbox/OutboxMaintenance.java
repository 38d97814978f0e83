package dev.chat.events.outbox;

import dev.chat.events.inbox.ConsumedEvents;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox's housekeeping on one background thread: reads the backlog (rows waiting, age of the
 * oldest) every few seconds for the gauges and the health detail, so stuck work is visible (Kafka away,
 * a relay that stopped), and purges the consumer dedupe markers older than their retention, which
 * otherwise grow forever. Kafka does not redeliver events older than its retention, so older markers
 * guard nothing.
 */
public class OutboxMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxMaintenance.class);

    /** Rows waiting in the outbox and the age of the oldest, as last read. */
    public record Backlog(long rows, double oldestAgeSeconds) {
    }

    public record Settings(Duration backlogInterval, Duration purgeInterval, Duration dedupeRetention) {
    }

    private final JdbcTemplate jdbc;
    private final ConsumedEvents consumed;
    private final Settings settings;
    private volatile Backlog backlog = new Backlog(0, 0);
    private ScheduledExecutorService timer;

    public OutboxMaintenance(JdbcTemplate jdbc, ConsumedEvents consumed, Settings settings) {
        this.jdbc = jdbc;
        this.consumed = consumed;
        this.settings = settings;
    }

    public Backlog backlog() {
        return backlog;
    }

    /** Reads the backlog now; an index scan on the primary key, cheap while the relay keeps up. */
    public Backlog refreshBacklog() {
        Backlog read = jdbc.queryForObject("""
                select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from outbox""",
                (rs, n) -> new Backlog(rs.getLong(1), rs.getDouble(2)));
        backlog = read;
        return read;
    }

    public int purgeConsumedEvents() {
        int purged = consumed.purgeOlderThan(settings.dedupeRetention());
        if (purged > 0) {
            log.info("purged {} consumed-event markers older than {}", purged, settings.dedupeRetention());
        }
        return purged;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-maintenance").daemon(true).factory());
        long backlogMs = settings.backlogInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> quietly("outbox backlog", this::refreshBacklog), 0, backlogMs,
                TimeUnit.MILLISECONDS);
        long purgeMs = settings.purgeInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> quietly("consumed-events purge", this::purgeConsumedEvents),
                Math.min(purgeMs, Duration.ofMinutes(1).toMillis()), purgeMs, TimeUnit.MILLISECONDS);
    }

    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} failed (retried at the next tick): {}", what, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
