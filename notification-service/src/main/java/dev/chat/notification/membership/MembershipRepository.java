package dev.chat.notification.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MembershipRepository {

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void createConversation(UUID id, String type, Instant createdAt) {
        jdbc.sql("insert into conversation (id, type, created_at) values (?, ?, ?) on conflict (id) do nothing")
                .params(id, type, Timestamp.from(createdAt))
                .update();
    }

    void addMember(UUID conversationId, UUID userId, String role, Instant joinedAt) {
        jdbc.sql("""
                insert into conversation_member (conversation_id, user_id, role, joined_at) values (?, ?, ?, ?)
                on conflict (conversation_id, user_id) do update set role = excluded.role""")
                .params(conversationId, userId, role, Timestamp.from(joinedAt))
                .update();
    }

    void removeMember(UUID conversationId, UUID userId) {
        jdbc.sql("delete from conversation_member where conversation_id = ? and user_id = ?")
                .params(conversationId, userId)
                .update();
    }

    /** Members of each conversation the projection knows; unknown conversations are absent from the map. */
    Map<UUID, List<UUID>> members(Collection<UUID> conversationIds) {
        Map<UUID, List<UUID>> members = new HashMap<>();
        jdbc.sql("""
                select c.id, m.user_id from conversation c
                left join conversation_member m on m.conversation_id = c.id
                where c.id = any(?)""")
                .param(conversationIds.toArray(UUID[]::new))
                .query(rs -> {
                    List<UUID> list = members.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>());
                    UUID user = rs.getObject(2, UUID.class);
                    if (user != null) {
                        list.add(user);
                    }
                });
        return members;
    }
}
