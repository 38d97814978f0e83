package dev.chat.message.mention;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@code @username} mentions of a body to the ids of members of the conversation: a name that is
 * nobody's, or not a member's, mentions nobody (it stays text). At most {@link #MAX_MENTIONS} distinct names are
 * looked up per message. A body without '@' costs nothing; one with costs one indexed query.
 */
@Component
public class Mentions {

    static final int MAX_MENTIONS = 50;

    /**
     * A username as auth-service accepts it ({@code [A-Za-z0-9_.-]{3,32}}) after an '@' that does not follow a
     * word character (so "mail@example.com" mentions nobody); a trailing '.' or '-' ends a sentence, not the name.
     */
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@-])@([A-Za-z0-9_.-]{3,32})");

    private final JdbcTemplate jdbc;

    Mentions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The lower-cased usernames a body names, in order of first appearance, at most {@link #MAX_MENTIONS}. */
    static Set<String> names(String body) {
        Set<String> names = new LinkedHashSet<>();
        if (body.indexOf('@') < 0) {
            return names;
        }
        Matcher m = MENTION.matcher(body);
        while (m.find() && names.size() < MAX_MENTIONS) {
            String name = m.group(1).replaceAll("[.-]+$", "");
            if (name.length() >= 3) {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The members of the conversation the body mentions, in order of first mention; empty when none. */
    public List<UUID> resolve(UUID conversationId, String body) {
        Set<String> names = names(body);
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> ordered = List.copyOf(names);
        return jdbc.query("""
                select u.user_id from users u
                  join members m on m.conversation_id = ? and m.user_id = u.user_id
                 where u.username = any(?)
                 order by array_position(?, u.username)""",
                (rs, i) -> rs.getObject(1, UUID.class), conversationId,
                new SqlArrayValue("text", ordered.toArray()), new SqlArrayValue("text", ordered.toArray()));
    }
}
