package dev.chat.message.draft;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class DraftStore {

    private static final String COLUMNS = "d.conversation_id, d.body, d.reply_to_id, d.version, d.updated_at";

    private final JdbcTemplate jdbc;

    DraftStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's drafts, newest first, and the last version given out to them, read in one snapshot. */
    record Listed(List<Draft> drafts, long version) {
    }

    /**
     * Takes the user's next draft version, locking their {@code draft_versions} row until commit: one user's draft
     * changes commit one after another, in version order.
     */
    long nextVersion(UUID userId) {
        Long version = jdbc.queryForObject("""
                insert into draft_versions as v (user_id, last_version) values (?, 1)
                on conflict (user_id) do update set last_version = v.last_version + 1
                returning v.last_version""",
                Long.class, userId);
        return version == null ? 0 : version;
    }

    /**
     * Writes the draft if the projection lists the user as a member (the foreign key holds that row until commit).
     *
     * @return empty when it does not (nothing written)
     */
    Optional<Draft> save(UUID userId, UUID conversationId, String body, UUID replyToId, long version,
                         Instant updatedAt) {
        return jdbc.query("""
                insert into drafts as d (user_id, conversation_id, body, reply_to_id, version, updated_at)
                select m.user_id, m.conversation_id, ?, ?, ?, ?
                  from members m where m.conversation_id = ? and m.user_id = ?
                on conflict (user_id, conversation_id) do update
                   set body = excluded.body, reply_to_id = excluded.reply_to_id, version = excluded.version,
                       updated_at = excluded.updated_at
                returning""" + " " + COLUMNS,
                DraftStore::draft, body, replyToId, version, updatedAt.atOffset(ZoneOffset.UTC), conversationId,
                userId).stream().findFirst();
    }

    /** @return false when there was no draft */
    boolean delete(UUID userId, UUID conversationId) {
        return jdbc.update("delete from drafts where user_id = ? and conversation_id = ?", userId, conversationId) == 1;
    }

    Optional<Draft> find(UUID userId, UUID conversationId) {
        return jdbc.query("select " + COLUMNS + " from drafts d where d.user_id = ? and d.conversation_id = ?",
                DraftStore::draft, userId, conversationId).stream().findFirst();
    }

    /** A reply must answer a message of the same conversation (a deleted one too, as a send allows). */
    boolean isMessageOf(UUID messageId, UUID conversationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from messages where id = ? and conversation_id = ?)",
                Boolean.class, messageId, conversationId));
    }

    /**
     * At most {@code limit} of the user's drafts, newest first (a scan of the primary key's user_id prefix), with the
     * last version given out to the user, from one statement: a draft changed after that version is not in the list.
     */
    Listed list(UUID userId, int limit) {
        List<Draft> drafts = new ArrayList<>();
        long[] version = {0};
        jdbc.query("""
                select v.last_version, d.conversation_id, d.body, d.reply_to_id, d.version, d.updated_at
                  from (select coalesce((select last_version from draft_versions where user_id = ?), 0)
                                   as last_version) v
                  left join lateral (select * from drafts where user_id = ? order by updated_at desc limit ?) d
                    on true""",
                rs -> {
                    version[0] = rs.getLong(1);
                    if (rs.getObject(2) != null) {
                        drafts.add(new Draft(rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getObject(4, UUID.class), rs.getLong(5),
                                rs.getObject(6, OffsetDateTime.class).toInstant()));
                    }
                },
                userId, userId, limit);
        return new Listed(List.copyOf(drafts), version[0]);
    }

    private static Draft draft(ResultSet rs, int row) throws SQLException {
        return new Draft(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getLong(4),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }
}
