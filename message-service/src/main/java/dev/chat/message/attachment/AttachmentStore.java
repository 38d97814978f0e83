package dev.chat.message.attachment;

import dev.chat.events.Attachment;
import dev.chat.events.MediaUploaded;
import dev.chat.message.Message;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The media projection and the statements over messages' attachments; each is an index probe or one page. */
@Repository
class AttachmentStore {

    /** A projected media item: whose it is, and what a message that carries it shows. */
    record Owned(UUID ownerId, Attachment attachment) {
    }

    private final JdbcTemplate jdbc;

    AttachmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void addMedia(MediaUploaded m) {
        String filename = m.filename() == null || m.filename().isBlank() ? m.mediaId().toString() : m.filename();
        jdbc.update("""
                insert into media (media_id, owner_id, content_type, size_bytes, filename) values (?, ?, ?, ?, ?)
                on conflict (media_id) do nothing""",
                m.mediaId(), m.ownerId(), m.contentType(), m.sizeBytes(), filename);
    }

    Map<UUID, Owned> media(Collection<UUID> ids) {
        Map<UUID, Owned> found = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select media_id, owner_id, content_type, size_bytes, filename from media
                     where media_id = any (?)""");
            ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
            return ps;
        }, rs -> {
            UUID id = rs.getObject(1, UUID.class);
            found.put(id, new Owned(rs.getObject(2, UUID.class),
                    new Attachment(id, rs.getString(3), rs.getLong(4), rs.getString(5))));
        });
        return found;
    }

    /**
     * Whether a message that carries {@code mediaId} (not deleted: a delete drops its attachments) is in a
     * conversation {@code userId} is a member of. One probe of the attachments index, then the members' key.
     */
    boolean visibleTo(UUID mediaId, UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (
                    select 1 from messages m
                      join members mb on mb.conversation_id = m.conversation_id and mb.user_id = ?
                     where m.attachments is not null and m.attachments @> ?::jsonb)""",
                Boolean.class, userId, carrying(mediaId)));
    }

    /** Up to {@code limit} conversations where a message (not deleted) carries {@code mediaId}. */
    List<UUID> conversationsCarrying(UUID mediaId, int limit) {
        return jdbc.queryForList("""
                select distinct m.conversation_id from messages m
                 where m.attachments is not null and m.attachments @> ?::jsonb
                 limit ?""", UUID.class, carrying(mediaId), limit);
    }

    /** The jsonb that {@code attachments @> ?} matches for a message carrying {@code mediaId}. */
    private static String carrying(UUID mediaId) {
        return "[{\"mediaId\":\"" + mediaId + "\"}]";
    }

    /** A page of a conversation's messages that carry attachments, newest first, before {@code beforeSeq}. */
    List<Message> withAttachments(UUID conversationId, long beforeSeq, int limit) {
        return jdbc.query("select " + Message.COLUMNS + """
                 from messages m
                where m.conversation_id = ? and m.attachments is not null and m.seq < ?
                order by m.seq desc limit ?""",
                Message.ROW_MAPPER, conversationId, beforeSeq, limit);
    }
}
