package dev.chat.message.latest;

import dev.chat.message.Message;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

@Repository
class LatestMessagesRepository {

    private final JdbcTemplate jdbc;

    LatestMessagesRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One primary-key probe of the membership projection and one backward step of the (conversation_id, seq)
     * index per listed conversation: the cost follows the page size, never the history.
     */
    List<LatestMessagesController.Latest> of(UUID userId, List<UUID> conversationIds) {
        return jdbc.query("select " + Message.COLUMNS + " from members mb"
                        + " cross join lateral (select * from messages x where x.conversation_id = mb.conversation_id"
                        + "   order by x.seq desc limit 1) m"
                        + " where mb.user_id = ? and mb.conversation_id = any(?)"
                        + " order by m.created_at desc",
                (rs, row) -> {
                    Message message = Message.ROW_MAPPER.mapRow(rs, row);
                    return new LatestMessagesController.Latest(message.conversationId(), message);
                },
                userId, new SqlArrayValue("uuid", conversationIds.toArray()));
    }
}
