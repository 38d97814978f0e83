package dev.chat.notification.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MembershipRepository {

    /**
     * Advisory lock between the projection (shared, per membership transaction) and the index rebuild
     * (exclusive, per chunk): see {@link IndexRebuild}.
     */
    private static final long INDEX_LOCK = 0x6e6f7469_696e6478L; // "notiindx"

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A conversation's members as of {@code version}. */
    record MemberList(long version, List<UUID> members) {
    }

    void createConversation(UUID id, String type, Instant createdAt) {
        jdbc.sql("insert into conversation (id, type, created_at) values (?, ?, ?) on conflict (id) do nothing")
                .params(id, type, Timestamp.from(createdAt))
                .update();
    }

    /** @return false when the member was there already with that role (the creation listed them) */
    boolean addMember(UUID conversationId, UUID userId, String role, Instant joinedAt) {
        return jdbc.sql("""
                insert into conversation_member (conversation_id, user_id, role, joined_at) values (?, ?, ?, ?)
                on conflict (conversation_id, user_id) do update set role = excluded.role
                where conversation_member.role is distinct from excluded.role""")
                .params(conversationId, userId, role, Timestamp.from(joinedAt))
                .update() > 0;
    }

    /** @return false when they were not a member, or had that role already */
    boolean setRole(UUID conversationId, UUID userId, String role) {
        return jdbc.sql("""
                update conversation_member set role = ?
                where conversation_id = ? and user_id = ? and role is distinct from ?""")
                .params(role, conversationId, userId, role)
                .update() > 0;
    }

    /**
     * Removes every member and returns who they were. The conversation's row stays, with no members: a message
     * event still on its way is then pushed to nobody, instead of waiting for a membership that never comes.
     */
    List<UUID> removeAllMembers(UUID conversationId) {
        return jdbc.sql("delete from conversation_member where conversation_id = ? returning user_id")
                .params(conversationId)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .list();
    }

    /** @return false when they were not a member */
    boolean removeMember(UUID conversationId, UUID userId) {
        return jdbc.sql("delete from conversation_member where conversation_id = ? and user_id = ?")
                .params(conversationId, userId)
                .update() > 0;
    }

    /** In the transaction of a membership change: every pod's cached member list of it is now stale. */
    void membersChanged(UUID conversationId) {
        jdbc.sql("update conversation set members_version = members_version + 1 where id = ?")
                .param(conversationId)
                .update();
    }

    /** The member-list version of each conversation the projection knows; unknown ones are absent. */
    Map<UUID, Long> versions(Collection<UUID> conversationIds) {
        Map<UUID, Long> versions = new HashMap<>();
        jdbc.sql("select id, members_version from conversation where id = any(?)")
                .param(conversationIds.toArray(UUID[]::new))
                .query(rs -> {
                    versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return versions;
    }

    /** The type (DIRECT, GROUP, CHANNEL) of each conversation the projection knows. */
    Map<UUID, String> types(Collection<UUID> conversationIds) {
        Map<UUID, String> types = new HashMap<>();
        jdbc.sql("select id, type from conversation where id = any(?)")
                .param(conversationIds.toArray(UUID[]::new))
                .query(rs -> {
                    types.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
        return types;
    }

    /**
     * Members of each conversation the projection knows, with the version they belong to (one statement,
     * so one snapshot); unknown conversations are absent from the map.
     */
    Map<UUID, MemberList> members(Collection<UUID> conversationIds) {
        Map<UUID, Long> versions = new HashMap<>();
        Map<UUID, List<UUID>> members = new HashMap<>();
        jdbc.sql("""
                select c.id, c.members_version, m.user_id from conversation c
                left join conversation_member m on m.conversation_id = c.id
                where c.id = any(?)""")
                .param(conversationIds.toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    versions.put(id, rs.getLong(2));
                    List<UUID> list = members.computeIfAbsent(id, k -> new ArrayList<>());
                    UUID user = rs.getObject(3, UUID.class);
                    if (user != null) {
                        list.add(user);
                    }
                });
        Map<UUID, MemberList> result = new HashMap<>();
        members.forEach((id, list) -> result.put(id, new MemberList(versions.get(id), List.copyOf(list))));
        return result;
    }

    /** Taken first in every membership transaction; waits while a rebuild chunk holds it. */
    void lockIndexShared() {
        jdbc.sql("select pg_advisory_xact_lock_shared(?)").param(INDEX_LOCK).query(rs -> { });
    }

    /** Taken by the rebuild for one chunk: waits for the membership transactions in flight to end. */
    void lockIndexExclusive() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(INDEX_LOCK).query(rs -> { });
    }

    /**
     * Every membership of the {@code users} users whose ids follow {@code afterUser}, ordered by user:
     * one chunk of the rebuild (keyset pagination over conversation_member_by_user).
     */
    Map<UUID, List<UUID>> conversationsOfUsersAfter(UUID afterUser, int users) {
        Map<UUID, List<UUID>> byUser = new LinkedHashMap<>();
        jdbc.sql("""
                select m.user_id, m.conversation_id from conversation_member m
                where m.user_id in (select distinct user_id from conversation_member
                                    where user_id > ? order by user_id limit ?)
                order by m.user_id""")
                .params(afterUser, users)
                .query(rs -> {
                    byUser.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        return byUser;
    }
}
