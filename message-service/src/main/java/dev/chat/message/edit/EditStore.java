package dev.chat.message.edit;

import dev.chat.message.Message;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

@Repository
class EditStore {

    private final JdbcTemplate jdbc;

    EditStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Message> find(UUID messageId, UUID conversationId) {
        return jdbc.query("select " + Message.COLUMNS + " from messages m where m.id = ? and m.conversation_id = ?",
                Message.ROW_MAPPER, messageId, conversationId).stream().findFirst();
    }

    /** The new body and editedAt, and the replaced body in the history, in one statement. */
    void apply(Message current, String body, List<UUID> mentions, Instant editedAt, long seq) {
        OffsetDateTime at = editedAt.atOffset(ZoneOffset.UTC);
        jdbc.update("""
                with edited as (
                    update messages set body = ?, mentions = ?, edited_at = ? where id = ? returning id
                )
                insert into message_edits (message_id, seq, edited_at, previous_body)
                select id, ?, ?, ? from edited""",
                body, mentions.isEmpty() ? null : new SqlArrayValue("uuid", mentions.toArray()), at, current.id(), seq,
                at, current.body());
    }

    /** @return empty when the conversation has no such message; else its edits, oldest first */
    Optional<List<EditMessageController.Edit>> history(UUID messageId, UUID conversationId) {
        List<EditMessageController.Edit> edits = new ArrayList<>();
        boolean[] found = {false};
        jdbc.query("""
                select e.seq, e.previous_body, e.edited_at
                  from messages m
                  left join message_edits e on e.message_id = m.id
                 where m.id = ? and m.conversation_id = ?
                 order by e.seq""",
                rs -> {
                    found[0] = true;
                    long seq = rs.getLong(1);
                    if (!rs.wasNull()) {
                        edits.add(new EditMessageController.Edit(seq, rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant()));
                    }
                },
                messageId, conversationId);
        return found[0] ? Optional.of(edits) : Optional.empty();
    }
}
