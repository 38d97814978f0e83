package dev.chat.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order and deletes them after the broker acks.
 *
 * <p>Woken right after a writing transaction commits, and sweeping every {@code pollInterval} for rows
 * whose wake-up was lost (a failed send, a crash, a row committed by another instance). Each round runs in
 * one transaction that holds an advisory lock per shard it reads, so with several instances a key's rows
 * are still sent by one relay at a time, in order. It never skips ahead by a watermark: a row whose
 * transaction commits late is simply picked up by a later round. A failed send rolls the round back and
 * the rows are sent again (at-least-once; consumers dedupe on eventId).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** First key of the advisory locks the relay takes; the second is the shard. */
    static final int LOCK_SPACE = 0x0C0B0C;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Producer<String, String> producer;
    private final Settings settings;
    private final RelayTracing tracing;
    private static final int VACUUM_AFTER_ROWS = 1_000;
    private static final Duration VACUUM_INTERVAL = Duration.ofSeconds(10);

    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private long deletedSinceVacuum;
    private long lastVacuum = System.nanoTime();
    private volatile boolean running;
    private volatile Thread worker;

    /** {@code shards} must equal the writers' shard count. */
    public record Settings(int shards, int batchSize, Duration pollInterval, Duration sendTimeout,
                           Duration maxBackoff) {
    }

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, Producer<String, String> producer,
                       Settings settings) {
        this(jdbc, tx, producer, settings, RelayTracing.NONE);
    }

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, Producer<String, String> producer,
                       Settings settings, RelayTracing tracing) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.producer = producer;
        this.settings = settings;
        this.tracing = tracing;
    }

    /** Ask for a round now; cheap, callable from any thread. */
    public void wake() {
        wakeRequested.set(true);
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Sends one batch: the oldest unsent rows of every shard no other relay holds.
     *
     * @return how many rows were published and deleted
     */
    public int relayOnce() {
        Integer sent = tx.execute(status -> {
            // This transaction only deletes rows Kafka already has: if a crash loses its commit, the rows are
            // sent again (at-least-once), so it need not wait for the WAL flush.
            jdbc.execute("set local synchronous_commit = off");
            // Lock first, read second: the read's snapshot must start after the lock is held, or it could
            // still show rows another relay sent and deleted while this statement waited (duplicates, reordering).
            // (Trying every shard number costs nothing; reading the shards from the table would scan it, dead
            // rows of earlier rounds included.)
            List<Integer> shards = jdbc.queryForList("""
                    select s from generate_series(0, ? - 1) s where pg_try_advisory_xact_lock(?, s)""",
                    Integer.class, settings.shards(), LOCK_SPACE);
            if (shards.isEmpty()) {
                return 0;
            }
            List<Row> rows = jdbc.query(con -> {
                        var ps = con.prepareStatement("""
                                select id, topic, event_key, event_id, event_type, payload from outbox
                                where shard = any(?) order by id limit ?""");
                        ps.setArray(1, con.createArrayOf("smallint", shards.toArray()));
                        ps.setInt(2, settings.batchSize());
                        return ps;
                    },
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
            if (rows.isEmpty()) {
                return 0;
            }
            try (RelayTracing.Round round = tracing.start(rows.size())) {
                List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.key, row.payload);
                    record.headers().add(new RecordHeader("eventId", row.eventId.getBytes()));
                    record.headers().add(new RecordHeader("eventType", row.type.getBytes()));
                    round.inject(record.headers());
                    acks.add(producer.send(record));
                }
                producer.flush();
                long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
                for (Future<RecordMetadata> ack : acks) {
                    try {
                        ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new OutboxSendException("interrupted while waiting for Kafka acks", e);
                    } catch (Exception e) {
                        throw new OutboxSendException("Kafka did not ack outbox row " + rows.get(0).id + "..", e);
                    }
                }
            }
            Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
            jdbc.update(con -> {
                var ps = con.prepareStatement("delete from outbox where id = any(?)");
                ps.setArray(1, con.createArrayOf("bigint", ids));
                return ps;
            });
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    /**
     * Every sent row leaves a dead tuple behind, and the relay reads this table several times a second: a
     * queue table this hot must not wait for autovacuum (which runs at most once a minute, and not at all
     * where it is switched off), or each round scans ever more dead rows. So the relay vacuums it itself.
     */
    private void vacuumIfDue() {
        if (deletedSinceVacuum < VACUUM_AFTER_ROWS || System.nanoTime() - lastVacuum < VACUUM_INTERVAL.toNanos()) {
            return;
        }
        try {
            jdbc.execute("vacuum outbox");
        } catch (RuntimeException e) {
            log.debug("outbox vacuum skipped: {}", e.toString());
        }
        deletedSinceVacuum = 0;
        lastVacuum = System.nanoTime();
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                int sent = relayOnce();
                deletedSinceVacuum += sent;
                vacuumIfDue();
                backoff = Duration.ZERO;
                if (sent == settings.batchSize()) {
                    continue; // more may be waiting: no pause
                }
                awaitWake(settings.pollInterval());
            } catch (RuntimeException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(100)
                        : min(backoff.multipliedBy(2), settings.maxBackoff());
                log.warn("outbox relay round failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                sleep(backoff);
            }
        }
    }

    private void awaitWake(Duration timeout) {
        if (!wakeRequested.getAndSet(false)) {
            LockSupport.parkNanos(this, timeout.toNanos());
            wakeRequested.set(false);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after everything else (the web server may accept writes first: rows wait in the table). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private record Row(long id, String topic, String key, String eventId, String type, String payload) {
    }

    /** A round whose sends were not all acked; its rows stay and are sent again. */
    public static class OutboxSendException extends RuntimeException {
        OutboxSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
