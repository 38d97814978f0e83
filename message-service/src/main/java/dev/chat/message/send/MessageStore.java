package dev.chat.message.send;

import dev.chat.message.Message;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The send path's statements; each is one index probe or one row write, none grows with history or members. */
@Repository
class MessageStore {

    private final JdbcTemplate jdbc;

    MessageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the conversation's next seq if the projection lists {@code senderId} as a member, in one statement:
     * the membership probe and the row lock (held until commit) on the conversation's seq row.
     *
     * @return empty when the projection does not list the sender (nothing was locked or written)
     */
    OptionalLong nextSeqIfMember(UUID conversationId, UUID senderId) {
        return jdbc.query("""
                insert into conversation_seq as s (conversation_id, last_seq)
                select ?, 1 where exists (select 1 from members where conversation_id = ? and user_id = ?)
                on conflict (conversation_id) do update set last_seq = s.last_seq + 1
                returning s.last_seq""",
                (rs, i) -> rs.getLong(1), conversationId, conversationId, senderId)
                .stream().mapToLong(Long::longValue).findFirst();
    }

    /** Takes the next seq unconditionally (membership was confirmed by conversation-service). */
    long nextSeq(UUID conversationId) {
        Long seq = jdbc.queryForObject("""
                insert into conversation_seq as s (conversation_id, last_seq) values (?, 1)
                on conflict (conversation_id) do update set last_seq = s.last_seq + 1
                returning s.last_seq""", Long.class, conversationId);
        return seq;
    }

    boolean existsInConversation(UUID messageId, UUID conversationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from messages where id = ? and conversation_id = ?)",
                Boolean.class, messageId, conversationId));
    }

    /** @return false when the sender already sent this clientMessageId to this conversation (nothing written) */
    boolean insertIfNew(Message m) {
        return jdbc.update("""
                insert into messages (id, conversation_id, seq, sender_id, client_message_id, body, reply_to_id, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (conversation_id, sender_id, client_message_id) do nothing""",
                m.id(), m.conversationId(), m.seq(), m.senderId(), m.clientMessageId(), m.body(), m.replyToId(),
                m.createdAt().atOffset(ZoneOffset.UTC)) == 1;
    }

    Optional<Message> findByClientMessageId(UUID conversationId, UUID senderId, String clientMessageId) {
        return jdbc.query("select " + Message.COLUMNS + """
                 from messages m
                where m.conversation_id = ? and m.sender_id = ? and m.client_message_id = ?""",
                Message.ROW_MAPPER, conversationId, senderId, clientMessageId).stream().findFirst();
    }
}
