package dev.chat.message.history;

import dev.chat.message.Message;
import java.util.ArrayList;
import java.util.Comparator;
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

    /** The conversation's last change number (0 before its first change). */
    long lastSeq(UUID conversationId) {
        Long last = jdbc.query("select last_seq from conversation_seq where conversation_id = ?",
                rs -> rs.next() ? rs.getLong(1) : null, conversationId);
        return last == null ? 0 : last;
    }

    /** One range scan of the (conversation_id, seq) index, whatever the conversation's size. */
    List<Message> fetch(UUID conversationId, HistoryQuery query) {
        return jdbc.query("select " + Message.COLUMNS + " from messages m"
                        + " where m.conversation_id = ? and m.seq > ? and m.seq < ?"
                        + " order by m.seq " + (query.forward() ? "asc" : "desc") + " limit ?",
                Message.ROW_MAPPER, conversationId, query.afterSeq(), query.beforeSeq(), query.fetchSize());
    }

    /** Two short scans of the (conversation_id, seq) index, one each way from {@code around}, in one statement. */
    HistoryQuery.HistoryPage around(UUID conversationId, AroundQuery query) {
        List<Message> older = new ArrayList<>();
        List<Message> newer = new ArrayList<>();
        jdbc.query("(select " + Message.COLUMNS + " from messages m"
                        + " where m.conversation_id = ? and m.seq < ? order by m.seq desc limit ?)"
                        + " union all"
                        + " (select " + Message.COLUMNS + " from messages m"
                        + " where m.conversation_id = ? and m.seq >= ? order by m.seq asc limit ?)",
                rs -> {
                    Message m = Message.ROW_MAPPER.mapRow(rs, 0);
                    (m.seq() < query.around() ? older : newer).add(m);
                },
                conversationId, query.around(), query.before() + 1, conversationId, query.around(),
                query.from() + 1);
        older.sort(Comparator.comparingLong(Message::seq).reversed());
        newer.sort(Comparator.comparingLong(Message::seq));
        return query.page(older, newer);
    }
}
