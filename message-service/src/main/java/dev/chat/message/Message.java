package dev.chat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;

/** A message as the API and the push frames show it. replyToId is null for a message that replies to nothing. */
public record Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String body,
                      UUID replyToId, Instant createdAt) {

    /** The select list that {@link #ROW_MAPPER} reads, for a {@code messages} table aliased {@code m}. */
    public static final String COLUMNS =
            "m.id, m.conversation_id, m.seq, m.sender_id, m.client_message_id, m.body, m.reply_to_id, m.created_at";

    public static final RowMapper<Message> ROW_MAPPER = Message::read;

    private static Message read(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                rs.getObject(8, OffsetDateTime.class).toInstant());
    }
}
