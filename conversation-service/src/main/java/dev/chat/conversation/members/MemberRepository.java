package dev.chat.conversation.members;

import dev.chat.conversation.permission.Role;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The members table seen from the members feature; the conversations row serves as the per-conversation lock. */
@Repository
class MemberRepository {

    private static final String SELECT_MEMBER = """
            select m.user_id, m.role, u.username, u.display_name, m.joined_at
              from members m left join users u on u.user_id = m.user_id
             where m.conversation_id = ?""";
    private static final RowMapper<Member> MEMBER = (rs, i) -> new Member(rs.getObject(1, UUID.class),
            Role.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), instant(rs, 5));

    private final JdbcTemplate jdbc;

    MemberRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the conversation's row until the transaction ends, so changes to one conversation apply one at a
     * time. Read what the change depends on (roles, counts) in later statements: they see what the previous
     * lock holder committed.
     *
     * @return the conversation's type, empty if it does not exist (or was deleted while we waited)
     */
    Optional<String> lockConversation(UUID conversationId) {
        return jdbc.queryForList("select type from conversations where id = ? for update", String.class,
                conversationId).stream().findFirst();
    }

    Optional<String> typeOf(UUID conversationId) {
        return jdbc.queryForList("select type from conversations where id = ?", String.class, conversationId)
                .stream().findFirst();
    }

    Optional<Role> roleOf(UUID conversationId, UUID userId) {
        return jdbc.queryForList("select role from members where conversation_id = ? and user_id = ?", String.class,
                conversationId, userId).stream().findFirst().map(Role::valueOf);
    }

    Optional<Member> find(UUID conversationId, UUID userId) {
        return jdbc.query(SELECT_MEMBER + " and m.user_id = ?", MEMBER, conversationId, userId).stream().findFirst();
    }

    List<Member> findAll(UUID conversationId, Collection<UUID> userIds) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement(SELECT_MEMBER + " and m.user_id = any(?)");
            ps.setObject(1, conversationId);
            ps.setArray(2, uuids(con, userIds));
            return ps;
        }, MEMBER);
    }

    /** The ids among {@code userIds} that are members already. */
    List<UUID> membersAmong(UUID conversationId, Collection<UUID> userIds) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("select user_id from members where conversation_id = ? and user_id = any(?)");
            ps.setObject(1, conversationId);
            ps.setArray(2, uuids(con, userIds));
            return ps;
        }, (rs, i) -> rs.getObject(1, UUID.class));
    }

    int count(UUID conversationId) {
        return jdbc.queryForObject("select count(*) from members where conversation_id = ?", Integer.class,
                conversationId);
    }

    /** One page in (joinedAt, userId) order, after {@code after} (null for the first page). */
    List<Member> page(UUID conversationId, MemberCursor after, int limit) {
        String order = " order by m.joined_at, m.user_id limit ?";
        if (after == null) {
            return jdbc.query(SELECT_MEMBER + order, MEMBER, conversationId, limit);
        }
        return jdbc.query(SELECT_MEMBER + " and (m.joined_at, m.user_id) > (?, ?)" + order, MEMBER, conversationId,
                offset(after.joinedAt()), after.userId(), limit);
    }

    void insert(UUID conversationId, Collection<UUID> userIds, Role role, Instant joinedAt) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into members (conversation_id, user_id, role, joined_at)
                    select ?, user_id, ?, ? from unnest(?::uuid[]) as u(user_id)""");
            ps.setObject(1, conversationId);
            ps.setString(2, role.name());
            ps.setObject(3, offset(joinedAt));
            ps.setArray(4, uuids(con, userIds));
            return ps;
        });
    }

    void setRole(UUID conversationId, UUID userId, Role role) {
        jdbc.update("update members set role = ? where conversation_id = ? and user_id = ?", role.name(),
                conversationId, userId);
    }

    void delete(UUID conversationId, UUID userId) {
        jdbc.update("delete from members where conversation_id = ? and user_id = ?", conversationId, userId);
    }

    /** The conversation and, by cascade, its members. */
    void deleteConversation(UUID conversationId) {
        jdbc.update("delete from conversations where id = ?", conversationId);
    }

    /**
     * The member's notification settings, a mute that ran out read as none; with {@code lock}, the member's row is
     * locked until the transaction ends.
     */
    Optional<NotificationPreferences> preferences(UUID conversationId, UUID userId, boolean lock) {
        return jdbc.query("""
                select notifications, case when muted_until > now() then muted_until end as muted_until
                  from members where conversation_id = ? and user_id = ?""" + (lock ? " for update" : ""),
                (rs, i) -> new NotificationPreferences(rs.getString(1), instantOrNull(rs, 2)), conversationId, userId)
                .stream().findFirst();
    }

    void setPreferences(UUID conversationId, UUID userId, NotificationPreferences preferences) {
        jdbc.update("update members set notifications = ?, muted_until = ? where conversation_id = ? and user_id = ?",
                preferences.notifications(),
                preferences.mutedUntil() == null ? null : offset(preferences.mutedUntil()), conversationId, userId);
    }

    private static Array uuids(java.sql.Connection con, Collection<UUID> ids) throws SQLException {
        return con.createArrayOf("uuid", ids.toArray(UUID[]::new));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
