package dev.chat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;

/**
 * A message as the API and the push frames show it. replyToId is null for a message that replies to nothing.
 * editedAt is set once its body was edited (the last edit); deletedAt and deletedBy once it was deleted: the row
 * stays as a tombstone in its position, its body empty.
 */
public record Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String body,
                      @Nullable UUID replyToId, Instant createdAt, @Nullable Instant editedAt,
                      @Nullable Instant deletedAt, @Nullable UUID deletedBy) {

    /** The longest body a send or an edit accepts, in UTF-16 units (as a browser's maxlength counts). */
    public static final int MAX_BODY_LENGTH = 4000;

    /** The select list that {@link #ROW_MAPPER} reads, for a {@code messages} table aliased {@code m}. */
    public static final String COLUMNS = "m.id, m.conversation_id, m.seq, m.sender_id, m.client_message_id, m.body,"
            + " m.reply_to_id, m.created_at, m.edited_at, m.deleted_at, m.deleted_by";

    public static final RowMapper<Message> ROW_MAPPER = Message::read;

    /** A message as it is created: never edited, not deleted. */
    public Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String body,
                   @Nullable UUID replyToId, Instant createdAt) {
        this(id, conversationId, seq, senderId, clientMessageId, body, replyToId, createdAt, null, null, null);
    }

    private static Message read(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                instant(rs, 8), instant(rs, 9), instant(rs, 10), rs.getObject(11, UUID.class));
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
