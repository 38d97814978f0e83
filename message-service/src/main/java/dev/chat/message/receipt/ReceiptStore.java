package dev.chat.message.receipt;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The receipts table (V7): one row of cursors per member, written only when a cursor moves. Unread counts walk
 * the messages after a member's cursor and stop at {@link Receipts#UNREAD_CAP}, so a long unread history costs no
 * more than the cap, and a list of 500 conversations costs 500 short index walks.
 */
@Repository
class ReceiptStore {

    /** The cursors before and after one move; {@code lastSeq} null when the member check found nobody. */
    record Moved(@Nullable Long lastSeq, long deliveredBefore, long readBefore, long delivered, long read,
                 @Nullable Long unreadFrom) {
    }

    /**
     * "Listed as a member" comes from the projection; "confirmed" (conversation-service said so, the projection
     * lags) skips that check, as the send path does.
     */
    private static final String MEMBER_LISTED = """
            select m.conversation_id, m.user_id, coalesce(s.last_seq, 0) as last_seq
              from members m left join conversation_seq s on s.conversation_id = m.conversation_id
             where m.conversation_id = ? and m.user_id = ?""";
    private static final String MEMBER_CONFIRMED = """
            select ?::uuid as conversation_id, ?::uuid as user_id,
                   coalesce((select last_seq from conversation_seq where conversation_id = ?), 0) as last_seq""";

    /**
     * One statement: the member's row with the conversation's last seq, their cursors before, and the upsert that
     * moves them forward (no write when nothing moves). A cursor past the last seq writes nothing: the caller
     * answers 400. Concurrent moves of one member serialize on the row; each only ever raises a cursor.
     */
    private static final String MOVE = """
            with member as (%s),
            before as (
                select delivered_seq, read_seq from receipts where conversation_id = ? and user_id = ?
            ), moved as (
                insert into receipts as r (conversation_id, user_id, delivered_seq, read_seq, updated_at)
                select conversation_id, user_id, greatest(?, ?), ?, now() from member where greatest(?, ?) <= last_seq
                on conflict (conversation_id, user_id) do update
                   set delivered_seq = greatest(r.delivered_seq, excluded.delivered_seq),
                       read_seq = greatest(r.read_seq, excluded.read_seq),
                       unread_from_seq = case when excluded.read_seq >= r.unread_from_seq then null
                                              else r.unread_from_seq end,
                       updated_at = now()
                 where excluded.delivered_seq > r.delivered_seq or excluded.read_seq > r.read_seq
                    or excluded.read_seq >= r.unread_from_seq
                returning r.delivered_seq, r.read_seq, r.unread_from_seq
            )
            select (select last_seq from member),
                   coalesce(b.delivered_seq, 0), coalesce(b.read_seq, 0),
                   coalesce(n.delivered_seq, b.delivered_seq, 0), coalesce(n.read_seq, b.read_seq, 0),
                   case when n.read_seq is not null then n.unread_from_seq
                        else (select unread_from_seq from receipts where conversation_id = ? and user_id = ?) end
              from (select 1) one left join before b on true left join moved n on true""";

    /**
     * The member's unread state in each listed conversation: the effective cursor (the read cursor, or just before
     * the "mark unread" seq when that is lower), the first unread message and how many there are, up to the cap.
     * Only the caller's own memberships (members.user_id = caller) are read.
     */
    private static final String UNREAD = """
            select mb.conversation_id, coalesce(r.delivered_seq, 0), coalesce(r.read_seq, 0), r.unread_from_seq,
                   u.n, u.first, u.mentioned
              from members mb
              left join receipts r on r.conversation_id = mb.conversation_id and r.user_id = mb.user_id
              cross join lateral (
                  select count(*) as n, min(x.seq) as first, count(*) filter (where x.mentioned) as mentioned from (
                      select m.seq, coalesce(mb.user_id = any(m.mentions), false) as mentioned from messages m
                       where m.conversation_id = mb.conversation_id
                         and m.seq > least(coalesce(r.read_seq, 0), coalesce(r.unread_from_seq - 1, r.read_seq, 0))
                         and m.sender_id <> mb.user_id and m.deleted_at is null
                       order by m.seq limit ?) x) u
             where mb.user_id = ? %s""";

    private final JdbcTemplate jdbc;

    ReceiptStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Moved move(UUID conversationId, UUID userId, long delivered, long read, boolean confirmed) {
        String member = confirmed ? MEMBER_CONFIRMED : MEMBER_LISTED;
        Object[] memberArgs = confirmed
                ? new Object[] {conversationId, userId, conversationId}
                : new Object[] {conversationId, userId};
        Object[] rest = {conversationId, userId, delivered, read, read, delivered, read, conversationId, userId};
        Object[] args = new Object[memberArgs.length + rest.length];
        System.arraycopy(memberArgs, 0, args, 0, memberArgs.length);
        System.arraycopy(rest, 0, args, memberArgs.length, rest.length);
        return jdbc.queryForObject(MOVE.formatted(member), (rs, i) -> new Moved(
                rs.getObject(1, Long.class), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getObject(6, Long.class)), args);
    }

    /** Marks the member's conversation unread from {@code seq}: the latest mark wins, as the user last chose. */
    void markUnread(UUID conversationId, UUID userId, long seq) {
        jdbc.update("""
                insert into receipts (conversation_id, user_id, unread_from_seq) values (?, ?, ?)
                on conflict (conversation_id, user_id) do update set unread_from_seq = excluded.unread_from_seq,
                                                                    updated_at = now()""",
                conversationId, userId, seq);
    }

    /** The seq of a message of the conversation (deleted ones too), if it is one. */
    Optional<Long> seqOf(UUID conversationId, UUID messageId) {
        return jdbc.query("select seq from messages where id = ? and conversation_id = ?",
                (rs, i) -> rs.getLong(1), messageId, conversationId).stream().findFirst();
    }

    /** The caller's unread state in one conversation they are listed in; empty when the projection lists them not. */
    Optional<UnreadState> unreadOf(UUID conversationId, UUID userId) {
        return jdbc.query(UNREAD.formatted("and mb.conversation_id = ?"), UNREAD_STATE, Receipts.UNREAD_CAP, userId,
                conversationId).stream().findFirst();
    }

    /** Every conversation of the caller with unread messages or a "mark unread", at most {@code limit}. */
    List<UnreadState> unread(UUID userId, int limit) {
        return jdbc.query("select * from (" + UNREAD.formatted("") + ") s"
                        + " where s.n > 0 or s.unread_from_seq is not null limit ?",
                UNREAD_STATE, Receipts.UNREAD_CAP, userId, limit);
    }

    /** The cursors of the conversation's current members (members without a row: 0), highest read first. */
    List<Receipts.Cursors> cursors(UUID conversationId, int limit) {
        return jdbc.query("""
                select mb.user_id, coalesce(r.delivered_seq, 0), coalesce(r.read_seq, 0)
                  from members mb
                  left join receipts r on r.conversation_id = mb.conversation_id and r.user_id = mb.user_id
                 where mb.conversation_id = ?
                 order by coalesce(r.read_seq, 0) desc, coalesce(r.delivered_seq, 0) desc, mb.user_id
                 limit ?""",
                (rs, i) -> new Receipts.Cursors(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3)),
                conversationId, limit);
    }

    private static final org.springframework.jdbc.core.RowMapper<UnreadState> UNREAD_STATE = (rs, i) ->
            new UnreadState(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3),
                    rs.getObject(4, Long.class), rs.getInt(5), rs.getObject(6, Long.class), rs.getInt(7));
}
