package dev.chat.presence.presence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserPresenceRepository {

    private final JdbcClient jdbc;

    UserPresenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID user, String status, Instant at) {
        jdbc.sql("""
                insert into user_presence (user_id, status, last_seen_at, changed_at) values (?, ?, ?, ?)
                on conflict (user_id) do update
                set status = excluded.status, last_seen_at = excluded.last_seen_at, changed_at = excluded.changed_at""")
                .params(user, status, Timestamp.from(at), Timestamp.from(at))
                .update();
    }

    Map<UUID, Instant> lastSeen(Collection<UUID> users) {
        Map<UUID, Instant> seen = new HashMap<>();
        jdbc.sql("select user_id, last_seen_at from user_presence where user_id = any(?)")
                .param(users.toArray(UUID[]::new))
                .query(rs -> {
                    seen.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                });
        return seen;
    }
}
