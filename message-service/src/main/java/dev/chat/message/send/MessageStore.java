package dev.chat.message.send;

import dev.chat.message.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The send path's own statements (the number comes from {@link dev.chat.message.changes.ChangeSequence}); each is a
 * few index probes or one row write, none grows with history or members.
 */
@Repository
class MessageStore {

    private final JdbcTemplate jdbc;

    MessageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A reply's parent: counts the reply on it (replyCount, lastReplyAt), in the reply's transaction. The one
     * statement a reply adds to a send; it also checks that the parent is a message of this conversation (a
     * deleted one counts: its tombstone stays in place). Replies of one conversation already commit one after
     * another (the seq row lock), so the row lock taken here waits for nobody else's send.
     *
     * @return false when {@code parentId} is no message of this conversation (nothing written)
     */
    boolean countReply(UUID parentId, UUID conversationId, Instant replyCreatedAt) {
        return jdbc.update("""
                update messages set reply_count = reply_count + 1,
                                    last_reply_at = greatest(last_reply_at, ?)
                 where id = ? and conversation_id = ?""",
                replyCreatedAt.atOffset(ZoneOffset.UTC), parentId, conversationId) == 1;
    }

    /**
     * Inserts the message and, in the same statement, its CREATED row of {@code message_changes} (the change
     * feed), unless the sender already sent this clientMessageId to this conversation.
     *
     * @param createdPayload the CREATED row's payload: {@code ChangeSequence.createdPayload}
     * @return false when it was sent before (nothing written)
     */
    boolean insertIfNew(Message m, String createdPayload) {
        return jdbc.update("""
                with inserted as (
                    insert into messages (id, conversation_id, seq, sender_id, client_message_id, body, reply_to_id,
                                          created_at, mentions, attachments)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    on conflict (conversation_id, sender_id, client_message_id) do nothing
                    returning conversation_id, seq, id
                )
                insert into message_changes (conversation_id, seq, kind, message_id, payload)
                select conversation_id, seq, 'CREATED', id, ?::jsonb from inserted""",
                m.id(), m.conversationId(), m.seq(), m.senderId(), m.clientMessageId(), m.body(), m.replyToId(),
                m.createdAt().atOffset(ZoneOffset.UTC),
                m.mentions().isEmpty() ? null : new SqlArrayValue("uuid", m.mentions().toArray()),
                Message.attachmentsJson(m.attachments()), createdPayload) == 1;
    }

    /** For a deferred send: whether {@code messageId} is a message of this conversation (deleted or not). */
    boolean exists(UUID messageId, UUID conversationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from messages where id = ? and conversation_id = ?)",
                Boolean.class, messageId, conversationId));
    }

    Optional<Message> findByClientMessageId(UUID conversationId, UUID senderId, String clientMessageId) {
        return jdbc.query("select " + Message.COLUMNS + """
                 from messages m
                where m.conversation_id = ? and m.sender_id = ? and m.client_message_id = ?""",
                Message.ROW_MAPPER, conversationId, senderId, clientMessageId).stream().findFirst();
    }
}
