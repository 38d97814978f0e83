package dev.chat.message.search;

import dev.chat.message.Message;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class SearchRepository {

    /**
     * The body HTML-escaped (&amp; first), then headlined: the client renders the snippet as HTML, and the only
     * markup in it is the {@code <mark>} ts_headline adds. The parser reads {@code &lt;} as one entity token, so
     * the escapes are never cut in half by a fragment boundary.
     */
    private static final String SNIPPET = "ts_headline('simple',"
            + " replace(replace(replace(m.body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), s.query,"
            + " 'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=20, MinWords=5') as snippet";

    private final JdbcTemplate jdbc;

    SearchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Hit(Message message, String snippet) {
    }

    /** The statement and its arguments: the GIN index finds the matches, the members join keeps the caller's. */
    record Statement(String sql, Object[] args) {
    }

    /**
     * Messages of conversations the caller is a member of now (the membership projection: someone removed finds
     * nothing there any more), matching the query and the filters, newest first, from after the cursor on.
     */
    static Statement statement(UUID callerId, SearchQuery query) {
        StringBuilder sql = new StringBuilder("select " + Message.COLUMNS + ", " + SNIPPET
                + " from (select websearch_to_tsquery('simple', ?) as query) s"
                + " cross join messages m"
                + " join members mb on mb.conversation_id = m.conversation_id and mb.user_id = ?"
                + " where m.search_vector @@ s.query and m.deleted_at is null");
        List<Object> args = new ArrayList<>();
        args.add(query.q());
        args.add(callerId);
        if (query.conversationId() != null) {
            sql.append(" and m.conversation_id = ?");
            args.add(query.conversationId());
        }
        if (query.authorId() != null) {
            sql.append(" and m.sender_id = ?");
            args.add(query.authorId());
        }
        if (query.from() != null) {
            sql.append(" and m.created_at >= ?");
            args.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" and m.created_at < ?");
            args.add(query.to().atOffset(ZoneOffset.UTC));
        }
        if (query.hasAttachment() != null) {
            sql.append(query.hasAttachment() ? " and m.attachments is not null" : " and m.attachments is null");
        }
        if (query.after() != null) {
            sql.append(" and (m.created_at, m.id) < (?, ?)");
            args.add(query.after().createdAt().atOffset(ZoneOffset.UTC));
            args.add(query.after().id());
        }
        sql.append(" order by m.created_at desc, m.id desc limit ?");
        args.add(query.fetchSize());
        return new Statement(sql.toString(), args.toArray());
    }

    /** Up to {@link SearchQuery#fetchSize()} hits, newest first. */
    List<Hit> search(UUID callerId, SearchQuery query) {
        Statement statement = statement(callerId, query);
        return jdbc.query(statement.sql(), (rs, row) -> new Hit(Message.ROW_MAPPER.mapRow(rs, row), rs.getString("snippet")),
                statement.args());
    }
}
