package dev.chat.message.history;

import dev.chat.message.Message;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class HistoryRepository {

    private final JdbcTemplate jdbc;

    HistoryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One range scan of the (conversation_id, seq) index, whatever the conversation's size. */
    List<Message> fetch(UUID conversationId, HistoryQuery query) {
        return jdbc.query("select " + Message.COLUMNS + " from messages m"
                        + " where m.conversation_id = ? and m.seq > ? and m.seq < ?"
                        + " order by m.seq " + (query.forward() ? "asc" : "desc") + " limit ?",
                Message.ROW_MAPPER, conversationId, query.afterSeq(), query.beforeSeq(), query.fetchSize());
    }
}
