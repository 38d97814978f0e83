package dev.chat.message.delete;

import dev.chat.message.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class DeleteStore {

    private final JdbcTemplate jdbc;

    DeleteStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Message> find(UUID messageId, UUID conversationId) {
        return jdbc.query("select " + Message.COLUMNS + " from messages m where m.id = ? and m.conversation_id = ?",
                Message.ROW_MAPPER, messageId, conversationId).stream().findFirst();
    }

    /**
     * The tombstone, in one statement: the row keeps its position with an empty body and no attachments (their media
     * is no longer shown to the members: media-service asks), deletedAt and deletedBy; it is
     * unpinned and its reactions go (a client applying {@code message.deleted} clears them too); its edit history
     * goes; and the text and files leave the change feed too (the bodies in its CREATED row and its EDITED
     * rows become empty: a client catching up still ends where a fresh load starts).
     */
    void tombstone(Message message, UUID deletedBy, Instant deletedAt) {
        jdbc.update("""
                with deleted as (
                    update messages set body = '', attachments = null, deleted_at = ?, deleted_by = ?,
                                        pinned_at = null, pinned_by = null, pinned_seq = null
                     where id = ?
                ), unreacted as (
                    delete from message_reactions where message_id = ?
                ), erased as (
                    delete from message_edits where message_id = ? returning seq
                )
                update message_changes
                   set payload = case kind when 'CREATED'
                                           then jsonb_set(jsonb_set(payload, '{message,body}', '""'),
                                                          '{message,attachments}', '[]')
                                           else jsonb_set(payload, '{body}', '""') end
                 where conversation_id = ?
                   and seq in (select ?::bigint union all select seq from erased)
                   and kind in ('CREATED', 'EDITED')""",
                deletedAt.atOffset(ZoneOffset.UTC), deletedBy, message.id(), message.id(), message.id(),
                message.conversationId(),
                message.seq());
    }
}
