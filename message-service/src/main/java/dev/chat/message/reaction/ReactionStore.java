package dev.chat.message.reaction;

import dev.chat.message.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class ReactionStore {

    private final JdbcTemplate jdbc;

    ReactionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Message> find(UUID messageId, UUID conversationId) {
        return jdbc.query("select " + Message.COLUMNS + " from messages m where m.id = ? and m.conversation_id = ?",
                Message.ROW_MAPPER, messageId, conversationId).stream().findFirst();
    }

    /**
     * Adds the reaction; it joins the emoji's current run on the message (its {@code emoji_since}) or, when nobody
     * reacts with that emoji now, starts one at {@code seq}.
     *
     * @return false when the user already reacted to the message with this emoji (nothing written)
     */
    boolean add(Message message, UUID userId, String emoji, long seq, Instant at) {
        return jdbc.update("""
                insert into message_reactions (conversation_id, message_id, user_id, emoji, seq, emoji_since,
                                               created_at)
                select ?, ?, ?, ?, ?,
                       coalesce((select min(r.emoji_since) from message_reactions r
                                  where r.message_id = ? and r.emoji = ?), ?), ?
                on conflict (message_id, user_id, emoji) do nothing""",
                message.conversationId(), message.id(), userId, emoji, seq, message.id(), emoji, seq,
                at.atOffset(ZoneOffset.UTC)) == 1;
    }

    /** @return false when the user had not reacted to the message with this emoji (nothing written) */
    boolean remove(Message message, UUID userId, String emoji) {
        return jdbc.update("delete from message_reactions where message_id = ? and user_id = ? and emoji = ?",
                message.id(), userId, emoji) == 1;
    }

    boolean exists(UUID messageId, UUID userId, String emoji) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from message_reactions where message_id = ? and user_id = ? and emoji = ?)""",
                Boolean.class, messageId, userId, emoji));
    }
}
