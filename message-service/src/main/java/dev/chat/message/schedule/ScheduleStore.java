package dev.chat.message.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The statements of scheduled messages. Edits and cancels touch only a PENDING row of its author: a row the poller
 * holds (being sent) makes them wait for its commit, after which it is SENT or FAILED and they change nothing.
 */
@Repository
class ScheduleStore {

    private final JdbcTemplate jdbc;

    ScheduleStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ScheduledMessage m) {
        jdbc.update("""
                insert into scheduled_messages (id, conversation_id, sender_id, body, reply_to_id, send_at, created_at,
                                                updated_at, state)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')""",
                m.id(), m.conversationId(), m.senderId(), m.body(), m.replyToId(), utc(m.sendAt()), utc(m.createdAt()),
                utc(m.updatedAt()));
    }

    /** Whether {@code messageId} is a message of this conversation (deleted or not: a reply to a tombstone is one). */
    boolean isMessageOf(UUID messageId, UUID conversationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from messages where id = ? and conversation_id = ?)",
                Boolean.class, messageId, conversationId));
    }

    Optional<ScheduledMessage> find(UUID id) {
        return jdbc.query("select " + ScheduledMessage.COLUMNS + " from scheduled_messages where id = ?",
                ScheduledMessage.ROW_MAPPER, id).stream().findFirst();
    }

    /** The author's PENDING ones, soonest first; in one conversation, or in all when {@code conversationId} is null. */
    List<ScheduledMessage> pending(UUID senderId, @Nullable UUID conversationId, int limit) {
        return conversationId == null
                ? jdbc.query("select " + ScheduledMessage.COLUMNS + """
                         from scheduled_messages
                        where sender_id = ? and state = 'PENDING'
                        order by send_at, id limit ?""", ScheduledMessage.ROW_MAPPER, senderId, limit)
                : jdbc.query("select " + ScheduledMessage.COLUMNS + """
                         from scheduled_messages
                        where sender_id = ? and conversation_id = ? and state = 'PENDING'
                        order by send_at, id limit ?""", ScheduledMessage.ROW_MAPPER, senderId, conversationId, limit);
    }

    /**
     * Changes the body and/or the time of the author's PENDING row (a null leaves that field).
     *
     * @return the row as it is now; empty when it is not the author's PENDING row (nothing written)
     */
    Optional<ScheduledMessage> change(UUID id, UUID senderId, @Nullable String body, @Nullable Instant sendAt,
                                      Instant now) {
        return jdbc.query("""
                update scheduled_messages
                   set body = coalesce(?, body), send_at = coalesce(?, send_at), updated_at = ?
                 where id = ? and sender_id = ? and state = 'PENDING'
                returning\s""" + ScheduledMessage.COLUMNS,
                ScheduledMessage.ROW_MAPPER, body, sendAt == null ? null : utc(sendAt), utc(now), id, senderId)
                .stream().findFirst();
    }

    /** @return false when it is not the author's PENDING row (nothing deleted) */
    boolean cancel(UUID id, UUID senderId) {
        return jdbc.update("delete from scheduled_messages where id = ? and sender_id = ? and state = 'PENDING'",
                id, senderId) == 1;
    }

    /**
     * Claims the due PENDING row with the earliest time that no other transaction holds (another pod sending it),
     * locking it until the caller's transaction ends. One row per transaction: its send locks its conversation's seq
     * row, and a transaction holding several conversations' would stall their sends and could deadlock with another
     * pod's batch.
     *
     * @param skip rows that failed earlier in this tick (retried at the next one, not blocking the others)
     */
    Optional<ScheduledMessage> claimDue(List<UUID> skip) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("select " + ScheduledMessage.COLUMNS + """
                     from scheduled_messages
                    where state = 'PENDING' and send_at <= now() and id <> all (?)
                    order by send_at
                    limit 1
                    for update skip locked""");
            ps.setArray(1, con.createArrayOf("uuid", skip.toArray()));
            return ps;
        }, ScheduledMessage.ROW_MAPPER).stream().findFirst();
    }

    void markSent(UUID id, UUID messageId, long messageSeq, Instant now) {
        jdbc.update("""
                update scheduled_messages set state = 'SENT', message_id = ?, message_seq = ?, updated_at = ?
                 where id = ?""", messageId, messageSeq, utc(now), id);
    }

    void markFailed(UUID id, String reason, Instant now) {
        jdbc.update("update scheduled_messages set state = 'FAILED', failure_reason = ?, updated_at = ? where id = ?",
                reason, utc(now), id);
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
