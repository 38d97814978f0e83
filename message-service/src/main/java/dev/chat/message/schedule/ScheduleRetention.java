package dev.chat.message.schedule;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps settled scheduled messages (SENT, FAILED) for {@code chat.message.schedule.retention} (30 days) after they
 * settled, then deletes them, in batches of {@code chat.message.schedule.purge-batch-size}, each its own short
 * transaction. A SENT row is only the record of a message that lives on in {@code messages}; PENDING rows are never
 * purged.
 */
@Component
class ScheduleRetention {

    private static final Logger log = LoggerFactory.getLogger(ScheduleRetention.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final int batchSize;

    ScheduleRetention(JdbcTemplate jdbc, @Value("${chat.message.schedule.retention}") Duration retention,
                      @Value("${chat.message.schedule.purge-batch-size}") int batchSize) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${chat.message.schedule.purge-interval}",
            initialDelayString = "${chat.message.schedule.purge-interval}")
    void purgeOnSchedule() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("scheduled messages purge failed (retried at the next tick): {}", e.toString());
        }
    }

    /** @return how many settled scheduled messages were deleted */
    int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    delete from scheduled_messages
                     where id = any (array(
                         select id from scheduled_messages
                          where state <> 'PENDING' and updated_at < clock_timestamp() - ?::interval
                          limit ?))""",
                    retention.toMillis() + " milliseconds", batchSize);
            total += deleted;
        } while (deleted == batchSize);
        if (total > 0) {
            log.info("purged {} scheduled messages settled more than {} ago", total, retention);
        }
        return total;
    }
}
