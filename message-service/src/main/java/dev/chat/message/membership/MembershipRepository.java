package dev.chat.message.membership;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The projection's statements. Each one sets a value rather than adding to one, so applying an event twice
 * leaves what applying it once left (the dedupe marker already prevents that; this is the second line).
 */
@Repository
class MembershipRepository {

    private final JdbcTemplate jdbc;

    MembershipRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean isMember(UUID conversationId, UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from members where conversation_id = ? and user_id = ?)",
                Boolean.class, conversationId, userId));
    }

    Optional<ConversationRole> roleOf(UUID conversationId, UUID userId) {
        return jdbc.query("select role from members where conversation_id = ? and user_id = ?",
                        (rs, i) -> ConversationRole.fromEvent(rs.getString(1)), conversationId, userId)
                .stream().findFirst();
    }

    /** The initial members of a new conversation, as MEMBERs: their MemberJoined events follow with the roles. */
    void addAll(UUID conversationId, Collection<UUID> userIds) {
        UUID[] ids = userIds.toArray(UUID[]::new);
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into members (conversation_id, user_id)
                    select ?, user_id from unnest(?::uuid[]) as u(user_id)
                    on conflict do nothing""");
            ps.setObject(1, conversationId);
            ps.setArray(2, con.createArrayOf("uuid", ids));
            return ps;
        });
    }

    /** A join starts fresh: the role it names and no mute, also over a row a missed leave left behind. */
    /**
     * Also starts the member's receipt cursors at the last message created before they joined: the history they
     * join into is not unread (a channel joined today does not show a year of messages as new). Compared by
     * time, not by the projection's order, because messages and membership travel on different topics.
     */
    void join(UUID conversationId, UUID userId, ConversationRole role, Instant joinedAt) {
        jdbc.update("""
                insert into members (conversation_id, user_id, role) values (?, ?, ?)
                on conflict (conversation_id, user_id) do update set role = excluded.role, muted_until = null""",
                conversationId, userId, role.name());
        jdbc.update("""
                insert into receipts as r (conversation_id, user_id, delivered_seq, read_seq)
                select ?, ?, s.seq, s.seq from (
                    select coalesce((select seq from messages where conversation_id = ? and created_at <= ?
                                      order by seq desc limit 1), 0) as seq) s
                 where s.seq > 0
                on conflict (conversation_id, user_id) do update
                   set delivered_seq = greatest(r.delivered_seq, excluded.delivered_seq),
                       read_seq = greatest(r.read_seq, excluded.read_seq)""",
                conversationId, userId, conversationId, joinedAt.atOffset(ZoneOffset.UTC));
    }

    void changeRole(UUID conversationId, UUID userId, ConversationRole role) {
        jdbc.update("update members set role = ? where conversation_id = ? and user_id = ?",
                role.name(), conversationId, userId);
    }

    /** Both halves of a transfer in one statement: {@code from} becomes ADMIN, {@code to} OWNER. */
    void transferOwnership(UUID conversationId, UUID from, UUID to) {
        jdbc.update("""
                update members set role = case when user_id = ? then 'OWNER' else 'ADMIN' end
                 where conversation_id = ? and user_id in (?, ?)""",
                to, conversationId, from, to);
    }

    /** @param until null for "until unmuted" (stored as infinity) */
    void mute(UUID conversationId, UUID userId, Instant until) {
        jdbc.update("""
                update members set muted_until = coalesce(?::timestamptz, 'infinity')
                 where conversation_id = ? and user_id = ?""",
                until == null ? null : until.atOffset(ZoneOffset.UTC), conversationId, userId);
    }

    void unmute(UUID conversationId, UUID userId) {
        jdbc.update("update members set muted_until = null where conversation_id = ? and user_id = ?",
                conversationId, userId);
    }

    /** Role and mute go with the row: whoever joins again starts fresh. */
    void remove(UUID conversationId, UUID userId) {
        jdbc.update("delete from members where conversation_id = ? and user_id = ?", conversationId, userId);
    }

    /** ConversationCreated: a redelivered or late one never undoes a later ConversationUpdated. */
    void createConversation(UUID conversationId, String type, boolean readOnly) {
        jdbc.update("""
                insert into conversations (conversation_id, type, read_only, archived) values (?, ?, ?, false)
                on conflict (conversation_id) do nothing""",
                conversationId, type, readOnly);
    }

    /**
     * ConversationUpdated is a full snapshot: overwrite. Inserts the row of a conversation created before this
     * projection existed (its type stays unknown).
     */
    void updateConversation(UUID conversationId, boolean readOnly, boolean archived) {
        jdbc.update("""
                insert into conversations (conversation_id, read_only, archived) values (?, ?, ?)
                on conflict (conversation_id) do update set read_only = excluded.read_only,
                                                            archived = excluded.archived""",
                conversationId, readOnly, archived);
    }

    /** A deleted conversation: nobody may read or post in it any more. Its messages stay (retention is later). */
    void removeConversation(UUID conversationId) {
        jdbc.update("delete from members where conversation_id = ?", conversationId);
        jdbc.update("delete from conversations where conversation_id = ?", conversationId);
    }

    /** The conversation's sequence starts at 0; a send that came first (membership confirmed remotely) wins. */
    void startSequence(UUID conversationId) {
        jdbc.update("insert into conversation_seq (conversation_id, last_seq) values (?, 0) on conflict do nothing",
                conversationId);
    }
}
