package dev.chat.conversation.users;

import dev.chat.events.UserRegistered;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final JdbcTemplate jdbc;

    UserRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ids among {@code userIds} that the projection does not hold, in one round trip. */
    List<UUID> notInProjection(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        UUID[] ids = userIds.toArray(UUID[]::new);
        return jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    select id from unnest(?::uuid[]) as requested(id)
                    where not exists (select 1 from users u where u.user_id = requested.id)""");
            ps.setArray(1, con.createArrayOf("uuid", ids));
            return ps;
        }, (rs, i) -> rs.getObject(1, UUID.class));
    }

    void upsert(UserRegistered user) {
        jdbc.update("""
                insert into users (user_id, username, display_name) values (?, ?, ?)
                on conflict (user_id) do update
                set username = excluded.username, display_name = excluded.display_name""",
                user.userId(), user.username(), user.displayName());
    }
}
