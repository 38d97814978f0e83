package dev.chat.conversation.members;

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

/**
 * Bans, mutes and the moderation log. A ban or mute whose expires_at has passed is not active: every read takes
 * {@code now} and compares; rows are replaced by the next ban/mute of the same user or deleted by unban/unmute.
 * Writers hold the conversation's row lock ({@link MemberRepository#lockConversation}).
 */
@Repository
class ModerationRepository {

    private static final String ACTIVE = " and (expires_at is null or expires_at > ?)";
    private static final RowMapper<Ban> BAN = (rs, i) -> new Ban(rs.getObject("user_id", UUID.class),
            rs.getString("reason"), rs.getObject("banned_by", UUID.class), instant(rs, "banned_at"),
            instant(rs, "expires_at"));
    private static final RowMapper<Mute> MUTE = (rs, i) -> new Mute(rs.getObject("user_id", UUID.class),
            rs.getString("reason"), rs.getObject("muted_by", UUID.class), instant(rs, "muted_at"),
            instant(rs, "expires_at"));
    private static final RowMapper<ModerationEntry> ENTRY = (rs, i) -> new ModerationEntry(
            rs.getObject("actor_id", UUID.class), ModerationAction.valueOf(rs.getString("action")),
            rs.getObject("target_user_id", UUID.class), rs.getString("reason"), instant(rs, "expires_at"),
            instant(rs, "at"));

    private final JdbcTemplate jdbc;

    ModerationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids among {@code userIds} with a ban active at {@code now}. */
    List<UUID> bannedAmong(UUID conversationId, Collection<UUID> userIds, Instant now) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(con -> {
            var ps = con.prepareStatement("select user_id from bans where conversation_id = ? and user_id = any(?)"
                    + ACTIVE + " order by user_id");
            ps.setObject(1, conversationId);
            ps.setArray(2, con.createArrayOf("uuid", userIds.toArray(UUID[]::new)));
            ps.setObject(3, offset(now));
            return ps;
        }, (rs, i) -> rs.getObject(1, UUID.class));
    }

    Optional<Ban> activeBan(UUID conversationId, UUID userId, Instant now) {
        return jdbc.query("select * from bans where conversation_id = ? and user_id = ?" + ACTIVE, BAN,
                conversationId, userId, offset(now)).stream().findFirst();
    }

    /** Creates the ban or replaces an earlier one (active or expired) of the same user. */
    void upsertBan(UUID conversationId, Ban ban) {
        jdbc.update("""
                insert into bans (conversation_id, user_id, reason, banned_by, banned_at, expires_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (conversation_id, user_id) do update set reason = excluded.reason,
                    banned_by = excluded.banned_by, banned_at = excluded.banned_at, expires_at = excluded.expires_at""",
                conversationId, ban.userId(), ban.reason(), ban.bannedBy(), offset(ban.bannedAt()),
                offset(ban.expiresAt()));
    }

    void deleteBan(UUID conversationId, UUID userId) {
        jdbc.update("delete from bans where conversation_id = ? and user_id = ?", conversationId, userId);
    }

    /** Active bans in (bannedAt, userId) order after {@code after} (null for the first page). */
    List<Ban> bans(UUID conversationId, MemberCursor after, Instant now, int limit) {
        return page("bans", "banned_at", BAN, conversationId, after, now, limit);
    }

    Optional<Mute> activeMute(UUID conversationId, UUID userId, Instant now) {
        return jdbc.query("select * from mutes where conversation_id = ? and user_id = ?" + ACTIVE, MUTE,
                conversationId, userId, offset(now)).stream().findFirst();
    }

    /** Creates the mute or replaces an earlier one; the user must be a member (foreign key). */
    void upsertMute(UUID conversationId, Mute mute) {
        jdbc.update("""
                insert into mutes (conversation_id, user_id, reason, muted_by, muted_at, expires_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (conversation_id, user_id) do update set reason = excluded.reason,
                    muted_by = excluded.muted_by, muted_at = excluded.muted_at, expires_at = excluded.expires_at""",
                conversationId, mute.userId(), mute.reason(), mute.mutedBy(), offset(mute.mutedAt()),
                offset(mute.expiresAt()));
    }

    void deleteMute(UUID conversationId, UUID userId) {
        jdbc.update("delete from mutes where conversation_id = ? and user_id = ?", conversationId, userId);
    }

    /** Active mutes in (mutedAt, userId) order after {@code after} (null for the first page). */
    List<Mute> mutes(UUID conversationId, MemberCursor after, Instant now, int limit) {
        return page("mutes", "muted_at", MUTE, conversationId, after, now, limit);
    }

    private <T> List<T> page(String table, String at, RowMapper<T> mapper, UUID conversationId, MemberCursor after,
                             Instant now, int limit) {
        String select = "select * from " + table + " where conversation_id = ?" + ACTIVE;
        String order = " order by " + at + ", user_id limit ?";
        if (after == null) {
            return jdbc.query(select + order, mapper, conversationId, offset(now), limit);
        }
        return jdbc.query(select + " and (" + at + ", user_id) > (?, ?)" + order, mapper, conversationId,
                offset(now), offset(after.joinedAt()), after.userId(), limit);
    }

    /** Appends an entry; call under the conversation's lock so ids grow in the order of the actions. */
    void log(UUID conversationId, UUID actorId, ModerationAction action, UUID targetUserId, String reason,
             Instant expiresAt, Instant at) {
        jdbc.update("""
                insert into moderation_log (conversation_id, actor_id, action, target_user_id, reason, expires_at, at)
                values (?, ?, ?, ?, ?, ?, ?)""", conversationId, actorId, action.name(), targetUserId, reason,
                offset(expiresAt), offset(at));
    }

    /** Entries with their ids, newest first, older than {@code beforeId} (null for the newest). */
    List<Logged> logPage(UUID conversationId, Long beforeId, int limit) {
        RowMapper<Logged> mapper = (rs, i) -> new Logged(rs.getLong("id"), ENTRY.mapRow(rs, i));
        if (beforeId == null) {
            return jdbc.query("select * from moderation_log where conversation_id = ? order by id desc limit ?",
                    mapper, conversationId, limit);
        }
        return jdbc.query("select * from moderation_log where conversation_id = ? and id < ? order by id desc limit ?",
                mapper, conversationId, beforeId, limit);
    }

    record Logged(long id, ModerationEntry entry) {
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
