package dev.chat.auth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table. Usernames arrive canonical (see {@link Usernames}). */
@Repository
public class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the account; false when the username is taken. */
    public boolean insert(UserAccount user, Instant createdAt) {
        return jdbc.sql("""
                        insert into users (id, username, display_name, password_hash, created_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (username) do nothing""")
                .params(user.id(), user.username(), user.displayName(), user.passwordHash(),
                        Timestamp.from(createdAt))
                .update() == 1;
    }

    public Optional<UserAccount> findByUsername(String canonicalUsername) {
        return jdbc.sql("select id, username, display_name, password_hash from users where username = ?")
                .param(canonicalUsername)
                .query(Users::account)
                .optional();
    }

    public Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("select id, username, display_name, password_hash from users where id = ?")
                .param(id)
                .query(Users::account)
                .optional();
    }

    /** Users whose username or display name starts with {@code prefix}, ignoring case. */
    public List<UserView> searchByPrefix(String prefix, int limit) {
        String pattern = escapeLike(prefix.toLowerCase(Locale.ROOT)) + "%";
        return jdbc.sql("""
                        select id, username, display_name, password_hash from users
                        where username like :p escape '\\' or lower(display_name) like :p escape '\\'
                        order by username
                        limit :limit""")
                .param("p", pattern)
                .param("limit", limit)
                .query(Users::account)
                .list()
                .stream()
                .map(UserAccount::view)
                .toList();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"),
                rs.getString("display_name"), rs.getString("password_hash"));
    }
}
