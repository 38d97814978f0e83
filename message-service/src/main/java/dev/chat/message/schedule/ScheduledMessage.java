package dev.chat.message.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;

/**
 * A message its author scheduled, as the API shows it. messageId and messageSeq are set once it was SENT (the message
 * it became); failureReason once it FAILED (the sender could no longer post at sendAt). Only its author sees it.
 */
record ScheduledMessage(UUID id, UUID conversationId, UUID senderId, String body, @Nullable UUID replyToId,
                        Instant sendAt, Instant createdAt, Instant updatedAt, State state, @Nullable UUID messageId,
                        @Nullable Long messageSeq, @Nullable String failureReason) {

    enum State { PENDING, SENT, FAILED }

    /** The select list {@link #ROW_MAPPER} reads. */
    static final String COLUMNS = "id, conversation_id, sender_id, body, reply_to_id, send_at, created_at, updated_at,"
            + " state, message_id, message_seq, failure_reason";

    static final RowMapper<ScheduledMessage> ROW_MAPPER = ScheduledMessage::read;

    private static ScheduledMessage read(ResultSet rs, int row) throws SQLException {
        return new ScheduledMessage(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, UUID.class), instant(rs, 6),
                instant(rs, 7), instant(rs, 8), State.valueOf(rs.getString(9)), rs.getObject(10, UUID.class),
                rs.getObject(11, Long.class), rs.getString(12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
