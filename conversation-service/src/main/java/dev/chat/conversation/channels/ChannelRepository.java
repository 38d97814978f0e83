package dev.chat.conversation.channels;

import dev.chat.events.ConversationCreated;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Channels in the conversations table: their creation, the public directory and the look-up by slug. */
@Repository
class ChannelRepository {

    /** What a new channel's row holds. */
    record NewChannel(UUID id, String name, String description, String topic, String visibility, boolean readOnly,
                      UUID createdBy, Instant createdAt) {
    }

    /** What a join checks, read under the conversation's lock. */
    record State(String visibility, boolean archived) {
    }

    private static final String PUBLIC_LISTED =
            "c.type = 'CHANNEL' and c.visibility = 'PUBLIC' and not c.archived"; // the partial indexes' predicate
    private static final String ITEM = """
            select c.id, c.title, c.slug, c.description, c.topic, c.member_count,
                   exists (select 1 from members m where m.conversation_id = c.id and m.user_id = ?) as joined
              from conversations c""";
    private static final RowMapper<ChannelItem> ITEM_ROW = (rs, i) -> new ChannelItem(rs.getObject("id", UUID.class),
            rs.getString("title"), rs.getString("slug"), rs.getString("description"), rs.getString("topic"),
            rs.getInt("member_count"), rs.getBoolean("joined"));

    private final JdbcTemplate jdbc;

    ChannelRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false (nothing written) when another conversation has the slug */
    boolean insert(NewChannel channel, String slug) {
        return jdbc.update("""
                insert into conversations (id, type, title, created_by, created_at, description, topic, visibility,
                                           slug, read_only)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (slug) do nothing""",
                channel.id(), ConversationCreated.CHANNEL, channel.name(), channel.createdBy(),
                channel.createdAt().atOffset(ZoneOffset.UTC), channel.description(), channel.topic(),
                channel.visibility(), slug, channel.readOnly()) == 1;
    }

    /** The slugs among {@code slugs} that a conversation has. */
    Set<String> taken(Collection<String> slugs) {
        return new HashSet<>(jdbc.query(con -> {
            var ps = con.prepareStatement("select slug from conversations where slug = any(?)");
            ps.setArray(1, con.createArrayOf("text", slugs.toArray(String[]::new)));
            return ps;
        }, (rs, i) -> rs.getString(1)));
    }

    void insertMembers(UUID conversationId, Collection<UUID> userIds, String role, Instant joinedAt) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into members (conversation_id, user_id, role, joined_at)
                    select ?, user_id, ?, ? from unnest(?::uuid[]) as u(user_id)""");
            ps.setObject(1, conversationId);
            ps.setString(2, role);
            ps.setObject(3, joinedAt.atOffset(ZoneOffset.UTC));
            ps.setArray(4, con.createArrayOf("uuid", userIds.toArray(UUID[]::new)));
            return ps;
        });
    }

    /** A channel's visibility and archived flag; empty for another type or an unknown id. */
    Optional<State> state(UUID conversationId) {
        return jdbc.query("select visibility, archived from conversations where id = ? and type = 'CHANNEL'",
                (rs, i) -> new State(rs.getString(1), rs.getBoolean(2)), conversationId).stream().findFirst();
    }

    /**
     * Public, unarchived channels whose name or slug contains {@code query} (case-insensitive; null for all), most
     * members first then by id, after {@code after} (null for the first page).
     */
    List<ChannelItem> publicPage(UUID readerId, String query, ChannelCursor after, int limit) {
        StringBuilder sql = new StringBuilder(ITEM).append(" where ").append(PUBLIC_LISTED);
        List<Object> args = new ArrayList<>(List.of(readerId));
        if (query != null) {
            // Trigram indexes on lower(title) and slug, both partial on the public directory's predicate.
            sql.append(" and (lower(c.title) like lower(?) or c.slug like lower(?))");
            String pattern = containing(query);
            args.add(pattern);
            args.add(pattern);
        }
        if (after != null) {
            sql.append(" and (c.member_count < ? or (c.member_count = ? and c.id > ?))");
            args.add(after.memberCount());
            args.add(after.memberCount());
            args.add(after.id());
        }
        sql.append(" order by c.member_count desc, c.id limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ITEM_ROW, args.toArray());
    }

    /** The channel with {@code slug} if it is public or {@code readerId} is a member of it. */
    Optional<ChannelItem> bySlug(UUID readerId, String slug) {
        return jdbc.query(ITEM + """
                 where c.slug = ? and c.type = 'CHANNEL'
                   and (c.visibility = 'PUBLIC'
                        or exists (select 1 from members m where m.conversation_id = c.id and m.user_id = ?))
                """,
                ITEM_ROW, readerId, slug, readerId).stream().findFirst();
    }

    /** A LIKE pattern matching {@code text} anywhere, its wildcards escaped (backslash is LIKE's default escape). */
    private static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
