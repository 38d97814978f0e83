package dev.chat.events.inbox;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Consumer-side dedupe. Call {@link #firstDelivery} inside the transaction that applies the event's
 * effect: the marker and the effect commit together, so a redelivered event is recognised and skipped.
 */
public class ConsumedEvents {

    private final JdbcTemplate jdbc;

    public ConsumedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true the first time {@code consumer} sees {@code eventId}; false for a redelivery */
    public boolean firstDelivery(String consumer, UUID eventId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ConsumedEvents.firstDelivery must run inside the effect's transaction");
        }
        return jdbc.update("insert into consumed_events (consumer, event_id) values (?, ?) on conflict do nothing",
                consumer, eventId) == 1;
    }

    /** Forget markers older than the retention: Kafka will not redeliver events that old. */
    public int purgeOlderThan(java.time.Duration retention) {
        return jdbc.update("delete from consumed_events where consumed_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }
}
