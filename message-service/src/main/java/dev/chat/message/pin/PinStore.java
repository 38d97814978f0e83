package dev.chat.message.pin;

import dev.chat.message.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class PinStore {

    private final JdbcTemplate jdbc;

    PinStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Message> find(UUID messageId, UUID conversationId) {
        return jdbc.query("select " + Message.COLUMNS + " from messages m where m.id = ? and m.conversation_id = ?",
                Message.ROW_MAPPER, messageId, conversationId).stream().findFirst();
    }

    /** One scan of the partial index of pinned messages (at most {@link Pinner#MAX_PINNED} entries). */
    int pinnedCount(UUID conversationId) {
        Integer count = jdbc.queryForObject(
                "select count(*) from messages where conversation_id = ? and pinned_seq is not null",
                Integer.class, conversationId);
        return count == null ? 0 : count;
    }

    void pin(Message message, UUID pinnedBy, Instant pinnedAt, long seq) {
        jdbc.update("update messages set pinned_at = ?, pinned_by = ?, pinned_seq = ? where id = ?",
                pinnedAt.atOffset(ZoneOffset.UTC), pinnedBy, seq, message.id());
    }

    void unpin(Message message) {
        jdbc.update("update messages set pinned_at = null, pinned_by = null, pinned_seq = null where id = ?",
                message.id());
    }

    /** The pinned messages, newest pin first (without their reactions). */
    List<Message> pinned(UUID conversationId, int limit) {
        return jdbc.query("select " + Message.COLUMNS + " from messages m"
                        + " where m.conversation_id = ? and m.pinned_seq is not null"
                        + " order by m.pinned_seq desc limit ?",
                Message.ROW_MAPPER, conversationId, limit);
    }
}
