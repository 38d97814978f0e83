package dev.chat.message.reply;

import dev.chat.message.Message;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class RepliesRepository {

    private final JdbcTemplate jdbc;

    RepliesRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(UUID messageId, UUID conversationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from messages where id = ? and conversation_id = ?)",
                Boolean.class, messageId, conversationId));
    }

    /**
     * Up to {@code fetchSize} replies after {@code afterSeq}, ascending: one range scan of messages_replies. A
     * reply is always in its parent's conversation (the send checks it), the conversation test is a second guard.
     */
    List<Message> after(UUID conversationId, UUID parentId, long afterSeq, int fetchSize) {
        return jdbc.query("select " + Message.COLUMNS + " from messages m"
                        + " where m.reply_to_id = ? and m.seq > ? and m.conversation_id = ?"
                        + " order by m.seq asc limit ?",
                Message.ROW_MAPPER, parentId, afterSeq, conversationId, fetchSize);
    }
}
