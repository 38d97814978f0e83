package dev.chat.message.membership;

import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

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

    void remove(UUID conversationId, UUID userId) {
        jdbc.update("delete from members where conversation_id = ? and user_id = ?", conversationId, userId);
    }

    /** The conversation's sequence starts at 0; a send that came first (membership confirmed remotely) wins. */
    /** A deleted conversation: nobody may read or post in it any more. Its messages stay (retention is later). */
    void removeAll(UUID conversationId) {
        jdbc.update("delete from members where conversation_id = ?", conversationId);
    }

    void startSequence(UUID conversationId) {
        jdbc.update("insert into conversation_seq (conversation_id, last_seq) values (?, 0) on conflict do nothing",
                conversationId);
    }
}
