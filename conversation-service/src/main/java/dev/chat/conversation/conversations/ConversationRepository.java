package dev.chat.conversation.conversations;

import dev.chat.conversation.conversations.ConversationView.MemberView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRepository {

    /** A conversations row; members are loaded separately (one query per page, not per conversation). */
    record Row(UUID id, String type, String title, UUID createdBy, Instant createdAt) {
    }

    private static final String COLUMNS = "c.id, c.type, c.title, c.created_by, c.created_at";
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
            rs.getString(3), rs.getObject(4, UUID.class), instant(rs, 5));

    private final JdbcTemplate jdbc;

    ConversationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> findByDirectKey(String directKey) {
        return jdbc.query("select " + COLUMNS + " from conversations c where c.direct_key = ?", ROW, directKey)
                .stream().findFirst();
    }

    /** The conversation if {@code userId} is one of its members; empty otherwise (absent or not a member alike). */
    Optional<Row> findForMember(UUID conversationId, UUID userId) {
        return jdbc.query("select " + COLUMNS + """
                 from conversations c
                where c.id = ? and exists (select 1 from members m where m.conversation_id = c.id and m.user_id = ?)""",
                ROW, conversationId, userId).stream().findFirst();
    }

    /**
     * Inserts the conversation unless a DIRECT one with the same key exists (then a racing request won).
     *
     * @return false when the direct key was taken
     */
    boolean insert(Row row, String directKey) {
        return jdbc.update("""
                insert into conversations (id, type, title, created_by, created_at, direct_key)
                values (?, ?, ?, ?, ?, ?)
                on conflict (direct_key) do nothing""",
                row.id(), row.type(), row.title(), row.createdBy(), offset(row.createdAt()), directKey) == 1;
    }

    void insertMembers(UUID conversationId, Collection<UUID> userIds, String role, Instant joinedAt) {
        UUID[] ids = userIds.toArray(UUID[]::new);
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into members (conversation_id, user_id, role, joined_at)
                    select ?, user_id, ?, ? from unnest(?::uuid[]) as u(user_id)""");
            ps.setObject(1, conversationId);
            ps.setString(2, role);
            ps.setObject(3, offset(joinedAt));
            ps.setArray(4, con.createArrayOf("uuid", ids));
            return ps;
        });
    }

    /** Newest first; {@code before} null for the first page. */
    List<Row> pageForMember(UUID userId, PageCursor before, int limit) {
        String from = "select " + COLUMNS + " from members m join conversations c on c.id = m.conversation_id"
                + " where m.user_id = ?";
        String order = " order by c.created_at desc, c.id desc limit ?";
        if (before == null) {
            return jdbc.query(from + order, ROW, userId, limit);
        }
        if (before.id() == null) {
            return jdbc.query(from + " and c.created_at < ?" + order, ROW, userId, offset(before.createdAt()), limit);
        }
        return jdbc.query(from + " and (c.created_at, c.id) < (?, ?)" + order, ROW, userId,
                offset(before.createdAt()), before.id(), limit);
    }

    /** Members of each conversation (owner first, then by join time), with names from the users projection. */
    Map<UUID, List<MemberView>> membersOf(Collection<UUID> conversationIds) {
        Map<UUID, List<MemberView>> byConversation = new LinkedHashMap<>();
        if (conversationIds.isEmpty()) {
            return byConversation;
        }
        UUID[] ids = conversationIds.toArray(UUID[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select m.conversation_id, m.user_id, m.role, u.username, u.display_name
                      from members m left join users u on u.user_id = m.user_id
                     where m.conversation_id = any(?)
                     order by m.conversation_id, case m.role when 'OWNER' then 0 when 'ADMIN' then 1 else 2 end,
                              m.joined_at, m.user_id""");
            ps.setArray(1, con.createArrayOf("uuid", ids));
            return ps;
        }, rs -> {
            byConversation.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new MemberView(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
        });
        return byConversation;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
