package dev.chat.events.outbox;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the {@code outbox} table inside the caller's transaction, so the state change and
 * its event commit or roll back together; the relay is woken once the transaction commits.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;
    private final Runnable wakeRelay;
    private final int shards;

    public OutboxWriter(JdbcTemplate jdbc, Runnable wakeRelay, int shards) {
        this.jdbc = jdbc;
        this.wakeRelay = wakeRelay;
        this.shards = shards;
    }

    public <T extends ChatEvent> EventEnvelope<T> append(T event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("OutboxWriter.append must run inside the state change's transaction");
        }
        EventEnvelope<T> envelope = EventEnvelope.wrap(event);
        jdbc.update("""
                insert into outbox (shard, topic, event_key, event_id, event_type, payload, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""",
                shardOf(envelope.key(), shards), envelope.topic(), envelope.key(), envelope.eventId(),
                envelope.type(), EventJson.write(envelope), Timestamp.from(envelope.occurredAt()));
        wakeAfterCommit();
        return envelope;
    }

    /** Rows of one key always land in one shard, and a shard is sent by one relay at a time. */
    static int shardOf(String key, int shards) {
        return Math.floorMod(key.hashCode(), shards);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.hasResource(this)) {
            return; // already registered for this transaction
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(OutboxWriter.this);
                if (status == STATUS_COMMITTED) {
                    wakeRelay.run();
                }
            }
        });
    }
}
