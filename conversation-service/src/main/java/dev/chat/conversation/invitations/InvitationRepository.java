package dev.chat.conversation.invitations;

import static dev.chat.conversation.invitations.Times.instant;
import static dev.chat.conversation.invitations.Times.offset;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The invitations table. "Open" means PENDING and not expired at the {@code now} a read is given; an expired PENDING
 * row is not open, and the next invitation of the same user replaces it. Writers hold the conversation's row lock.
 */
@Repository
class InvitationRepository {

    static final String PENDING = "PENDING";
    static final String ACCEPTED = "ACCEPTED";
    static final String DECLINED = "DECLINED";
    static final String REVOKED = "REVOKED";

    /** The row as the answering paths need it. */
    record Stored(UUID id, UUID conversationId, UUID userId, String status, Instant expiresAt) {
        boolean expiredAt(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }

        boolean openAt(Instant now) {
            return PENDING.equals(status) && !expiredAt(now);
        }
    }

    private static final String OPEN = " and i.status = 'PENDING' and (i.expires_at is null or i.expires_at > ?)";
    private static final String SELECT_VIEW = """
            select i.id, i.conversation_id, c.title, c.type, i.user_id, i.invited_by,
                   coalesce(nullif(u.display_name, ''), u.username) as invited_by_name, i.created_at, i.expires_at
              from invitations i
              join conversations c on c.id = i.conversation_id
              left join users u on u.user_id = i.invited_by
             where\s""";
    private static final String NEWEST_FIRST = " order by i.created_at desc, i.id desc limit ?";
    private static final RowMapper<Invitation> VIEW = (rs, i) -> new Invitation(rs.getObject("id", UUID.class),
            rs.getObject("conversation_id", UUID.class), rs.getString("title"), rs.getString("type"),
            rs.getObject("user_id", UUID.class), rs.getObject("invited_by", UUID.class),
            rs.getString("invited_by_name"), instant(rs, "created_at"), instant(rs, "expires_at"));
    private static final RowMapper<Stored> STORED = (rs, i) -> new Stored(rs.getObject("id", UUID.class),
            rs.getObject("conversation_id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("status"),
            instant(rs, "expires_at"));

    private final JdbcTemplate jdbc;

    InvitationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(UUID invitationId) {
        return jdbc.query("select id, conversation_id, user_id, status, expires_at from invitations where id = ?",
                STORED, invitationId).stream().findFirst();
    }

    /** The ids among {@code userIds} holding an open invitation into the conversation. */
    List<UUID> invitedAmong(UUID conversationId, Collection<UUID> userIds, Instant now) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("select i.user_id from invitations i where i.conversation_id = ?"
                    + " and i.user_id = any(?)" + OPEN);
            ps.setObject(1, conversationId);
            ps.setArray(2, con.createArrayOf("uuid", userIds.toArray(UUID[]::new)));
            ps.setObject(3, offset(now));
            return ps;
        }, (rs, i) -> rs.getObject(1, UUID.class));
    }

    /** Deletes the lapsed (PENDING but expired) invitations of these users, so new ones can take their place. */
    void deleteLapsed(UUID conversationId, Collection<UUID> userIds, Instant now) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    delete from invitations where conversation_id = ? and user_id = any(?) and status = 'PENDING'
                       and expires_at <= ?""");
            ps.setObject(1, conversationId);
            ps.setArray(2, con.createArrayOf("uuid", userIds.toArray(UUID[]::new)));
            ps.setObject(3, offset(now));
            return ps;
        });
    }

    void insert(UUID id, UUID conversationId, UUID userId, UUID invitedBy, Instant createdAt, Instant expiresAt) {
        jdbc.update("""
                insert into invitations (id, conversation_id, user_id, invited_by, created_at, expires_at, status)
                values (?, ?, ?, ?, ?, ?, 'PENDING')""", id, conversationId, userId, invitedBy, offset(createdAt),
                offset(expiresAt));
    }

    /** Settles the PENDING invitations of these users to the conversation as ACCEPTED (they joined another way). */
    void closePendingOf(UUID conversationId, Collection<UUID> userIds, Instant at) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("update invitations set status = 'ACCEPTED', closed_at = ?"
                    + " where conversation_id = ? and user_id = any(?) and status = 'PENDING'");
            ps.setObject(1, offset(at));
            ps.setObject(2, conversationId);
            ps.setArray(3, con.createArrayOf("uuid", userIds.toArray(UUID[]::new)));
            return ps;
        });
    }

    /** Ends a PENDING invitation with {@code status}. */
    void close(UUID invitationId, String status, Instant closedAt) {
        jdbc.update("update invitations set status = ?, closed_at = ? where id = ? and status = 'PENDING'", status,
                offset(closedAt), invitationId);
    }

    List<Invitation> views(Collection<UUID> invitationIds) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement(SELECT_VIEW + "i.id = any(?)");
            ps.setArray(1, con.createArrayOf("uuid", invitationIds.toArray(UUID[]::new)));
            return ps;
        }, VIEW);
    }

    List<Invitation> openOfConversation(UUID conversationId, Instant now, int limit) {
        return jdbc.query(SELECT_VIEW + "i.conversation_id = ?" + OPEN + NEWEST_FIRST, VIEW, conversationId,
                offset(now), limit);
    }

    List<Invitation> openForUser(UUID userId, Instant now, int limit) {
        return jdbc.query(SELECT_VIEW + "i.user_id = ?" + OPEN + NEWEST_FIRST, VIEW, userId, offset(now), limit);
    }
}
