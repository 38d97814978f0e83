package dev.chat.message.changes;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the change feed to {@code chat.message.changes-retention} (30 days by default): every
 * {@code chat.message.changes-purge-interval} it deletes the changes older than that, oldest first, in batches of
 * {@code chat.message.changes-purge-batch-size} rows, each batch its own short transaction (no long lock, no
 * large WAL burst). A client whose position falls below what is kept gets {@code reset} from the feed.
 */
@Component
class ChangesRetention {

    private static final Logger log = LoggerFactory.getLogger(ChangesRetention.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final int batchSize;

    ChangesRetention(JdbcTemplate jdbc, @Value("${chat.message.changes-retention}") Duration retention,
                     @Value("${chat.message.changes-purge-batch-size}") int batchSize) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    Duration retention() {
        return retention;
    }

    @Scheduled(fixedDelayString = "${chat.message.changes-purge-interval}",
            initialDelayString = "${chat.message.changes-purge-interval}")
    void purgeOnSchedule() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("change feed purge failed (retried at the next tick): {}", e.toString());
        }
    }

    /** @return how many changes were deleted */
    int purge() {
        int total = 0;
        int deleted;
        do {
            // Oldest first (the created_at index): a conversation always keeps a contiguous run of its newest changes.
            deleted = jdbc.update("""
                    delete from message_changes
                     where ctid = any (array(
                         select ctid from message_changes
                          where created_at < clock_timestamp() - ?::interval
                          order by created_at
                          limit ?))""",
                    retention.toMillis() + " milliseconds", batchSize);
            total += deleted;
        } while (deleted == batchSize);
        if (total > 0) {
            log.info("purged {} changes older than {}", total, retention);
        }
        return total;
    }
}
