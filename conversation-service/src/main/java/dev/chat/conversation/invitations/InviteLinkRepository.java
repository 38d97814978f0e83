package dev.chat.conversation.invitations;

import static dev.chat.conversation.invitations.Times.instant;
import static dev.chat.conversation.invitations.Times.offset;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The invite_links table. A link is usable while it is not revoked, not expired and has uses left. */
@Repository
class InviteLinkRepository {

    private static final String USABLE = " and l.revoked_at is null and (l.expires_at is null or l.expires_at > ?)"
            + " and (l.max_uses is null or l.uses < l.max_uses)";
    private static final RowMapper<InviteLink> LINK = (rs, i) -> new InviteLink(rs.getString("code"),
            rs.getObject("conversation_id", UUID.class), rs.getObject("created_by", UUID.class),
            instant(rs, "created_at"), instant(rs, "expires_at"), rs.getObject("max_uses", Integer.class),
            rs.getInt("uses"), rs.getObject("revoked_at") != null);

    private final JdbcTemplate jdbc;

    InviteLinkRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the code is taken (then draw another) */
    boolean insert(String code, UUID conversationId, UUID createdBy, Instant createdAt, Instant expiresAt,
                   Integer maxUses) {
        return jdbc.update("""
                insert into invite_links (code, conversation_id, created_by, created_at, expires_at, max_uses)
                values (?, ?, ?, ?, ?, ?)
                on conflict (code) do nothing""", code, conversationId, createdBy, offset(createdAt),
                offset(expiresAt), maxUses) == 1;
    }

    Optional<InviteLink> find(String code) {
        return jdbc.query("select * from invite_links where code = ?", LINK, code).stream().findFirst();
    }

    List<InviteLink> ofConversation(UUID conversationId, int limit) {
        return jdbc.query("select * from invite_links where conversation_id = ? order by created_at desc, code desc"
                + " limit ?", LINK, conversationId, limit);
    }

    /** Revokes the link (a second revoke keeps the first time); false when the conversation has no such code. */
    boolean revoke(String code, UUID conversationId, Instant now) {
        return jdbc.update("update invite_links set revoked_at = coalesce(revoked_at, ?) where code = ?"
                + " and conversation_id = ?", offset(now), code, conversationId) == 1;
    }

    /**
     * Spends one use of a usable link in a single conditional statement, so the count stays exact whatever runs
     * concurrently.
     *
     * @return false when the link is not usable (or does not exist)
     */
    boolean spendUse(String code, Instant now) {
        return jdbc.update("update invite_links l set uses = l.uses + 1 where l.code = ?" + USABLE, code,
                offset(now)) == 1;
    }

    /** The preview of a usable link, as {@code userId} sees it. */
    Optional<InviteLinkPreview> preview(String code, UUID userId, Instant now) {
        return jdbc.query("""
                select l.code, l.conversation_id, c.title, c.type, l.expires_at,
                       (select count(*) from members m where m.conversation_id = l.conversation_id) as member_count,
                       exists (select 1 from members m where m.conversation_id = l.conversation_id and m.user_id = ?)
                           as already_member
                  from invite_links l join conversations c on c.id = l.conversation_id
                 where l.code = ?""" + USABLE, (rs, i) -> new InviteLinkPreview(rs.getString("code"),
                rs.getObject("conversation_id", UUID.class), rs.getString("title"), rs.getString("type"),
                rs.getInt("member_count"), instant(rs, "expires_at"), rs.getBoolean("already_member")),
                userId, code, offset(now)).stream().findFirst();
    }
}
