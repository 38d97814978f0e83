package dev.chat.conversation.conversations;

import dev.chat.conversation.conversations.ConversationView.MemberView;
import dev.chat.conversation.conversations.ConversationView.Preferences;
import dev.chat.events.ConversationCreated;
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
    record Row(UUID id, String type, Details details, UUID createdBy, Instant createdAt, int memberCount) {
    }

    /** A conversation with the reading member's own notification settings. */
    record Mine(Row conversation, Preferences preferences) {
    }

    private static final String COLUMNS = """
            c.id, c.type, c.title, c.description, c.topic, c.avatar_media_id, c.visibility, c.slug, c.read_only,
            c.archived, c.created_by, c.created_at, c.member_count""";
    /** The member m's settings; a mute that has run out reads as none. */
    private static final String PREFERENCES =
            ", m.notifications, case when m.muted_until > now() then m.muted_until end as muted_until";
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getObject("id", UUID.class),
            rs.getString("type"),
            new Details(rs.getString("title"), rs.getString("description"), rs.getString("topic"),
                    rs.getObject("avatar_media_id", UUID.class), rs.getString("visibility"), rs.getString("slug"),
                    rs.getBoolean("read_only"), rs.getBoolean("archived")),
            rs.getObject("created_by", UUID.class), instant(rs, "created_at"), rs.getInt("member_count"));
    private static final RowMapper<Mine> MINE = (rs, i) -> new Mine(ROW.mapRow(rs, i),
            new Preferences(rs.getString("notifications"), instant(rs, "muted_until")));

    private final JdbcTemplate jdbc;

    ConversationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> findByDirectKey(String directKey) {
        return jdbc.queryForList("select id from conversations where direct_key = ?", UUID.class, directKey)
                .stream().findFirst();
    }

    /** The conversation if {@code userId} is one of its members; empty otherwise (absent or not a member alike). */
    Optional<Mine> findForMember(UUID conversationId, UUID userId) {
        return jdbc.query("select " + COLUMNS + PREFERENCES + """
                 from conversations c join members m on m.conversation_id = c.id and m.user_id = ?
                where c.id = ?""", MINE, userId, conversationId).stream().findFirst();
    }

    /** The row as it is now; call under the conversation's row lock to read what the next change starts from. */
    Optional<Row> find(UUID conversationId) {
        return jdbc.query("select " + COLUMNS + " from conversations c where c.id = ?", ROW, conversationId)
                .stream().findFirst();
    }

    /**
     * Inserts a DIRECT or GROUP conversation (private, no other details) unless a DIRECT one with the same key
     * exists (then a racing request won).
     *
     * @return false when the direct key was taken
     */
    boolean insert(UUID id, String type, String title, UUID createdBy, Instant createdAt, String directKey) {
        return jdbc.update("""
                insert into conversations (id, type, title, created_by, created_at, direct_key)
                values (?, ?, ?, ?, ?, ?)
                on conflict (direct_key) do nothing""",
                id, type, title, createdBy, offset(createdAt), directKey) == 1;
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

    /** @throws org.springframework.dao.DuplicateKeyException when another channel has the slug */
    void updateDetails(UUID conversationId, Details d) {
        jdbc.update("""
                update conversations set title = ?, description = ?, topic = ?, avatar_media_id = ?, visibility = ?,
                       slug = ?, read_only = ?, archived = ?
                 where id = ?""", d.title(), d.description(), d.topic(), d.avatarMediaId(), d.visibility(), d.slug(),
                d.readOnly(), d.archived(), conversationId);
    }

    /**
     * Newest first; {@code before} null for the first page. {@code type} and {@code query} (a case-insensitive
     * substring of the title, or for a DM of the other member's username or display name) are optional filters.
     */
    List<Mine> pageForMember(UUID userId, String type, String query, PageCursor before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + PREFERENCES
                + " from members m join conversations c on c.id = m.conversation_id where m.user_id = ?");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (type != null) {
            sql.append(" and c.type = ?");
            args.add(type);
        }
        if (query != null) {
            // lower(c.title) uses the trigram index conversations_title_trgm.
            sql.append(" and (lower(c.title) like lower(?) or (c.type = 'DIRECT' and exists ("
                    + "select 1 from members o join users u on u.user_id = o.user_id"
                    + " where o.conversation_id = c.id and o.user_id <> m.user_id"
                    + " and (lower(u.username) like lower(?) or lower(u.display_name) like lower(?)))))");
            String pattern = containing(query);
            args.addAll(List.of(pattern, pattern, pattern));
        }
        if (before != null && before.id() == null) {
            sql.append(" and c.created_at < ?");
            args.add(offset(before.createdAt()));
        } else if (before != null) {
            sql.append(" and (c.created_at, c.id) < (?, ?)");
            args.add(offset(before.createdAt()));
            args.add(before.id());
        }
        sql.append(" order by c.created_at desc, c.id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), MINE, args.toArray());
    }

    /**
     * Members of each conversation (owner first, then by join time), with names from the users projection: every
     * member of a DIRECT or GROUP conversation, only {@code readerId} of a CHANNEL. One query for any number of
     * conversations.
     */
    Map<UUID, List<MemberView>> membersOf(Collection<UUID> conversationIds, UUID readerId) {
        Map<UUID, List<MemberView>> byConversation = new LinkedHashMap<>();
        if (conversationIds.isEmpty()) {
            return byConversation;
        }
        UUID[] ids = conversationIds.toArray(UUID[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select m.conversation_id, m.user_id, m.role, u.username, u.display_name
                      from members m join conversations c on c.id = m.conversation_id
                      left join users u on u.user_id = m.user_id
                     where m.conversation_id = any(?) and (c.type <> ? or m.user_id = ?)
                     order by m.conversation_id, case m.role when 'OWNER' then 0 when 'ADMIN' then 1 else 2 end,
                              m.joined_at, m.user_id""");
            ps.setArray(1, con.createArrayOf("uuid", ids));
            ps.setString(2, ConversationCreated.CHANNEL);
            ps.setObject(3, readerId);
            return ps;
        }, rs -> {
            byConversation.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new MemberView(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
        });
        return byConversation;
    }

    /** A LIKE pattern matching {@code text} anywhere, its wildcards escaped (backslash is LIKE's default escape). */
    static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
