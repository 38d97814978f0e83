package dev.chat.message.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads a conversation's changes after a number: one range scan of message_changes' primary key. */
@Repository
class ChangesFeed {

    private final JdbcTemplate jdbc;

    ChangesFeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The page after {@code after}: the changes {@code after + 1, after + 2, ...} while they are all retained,
     * or a reset when the client's position is below what is retained (it reloads the conversation instead).
     * The conversation's last number and its changes are read in one statement (one snapshot): both commit in
     * the transaction that took the number.
     */
    ChangesController.ChangesPage after(UUID conversationId, long after, int limit) {
        long[] lastSeq = {0};
        List<ChangeFrame> frames = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        jdbc.query("""
                select s.last_seq, c.seq, c.kind, c.payload::text
                  from conversation_seq s
                  left join lateral (
                      select seq, kind, payload from message_changes
                       where conversation_id = s.conversation_id and seq > ?
                       order by seq
                       limit ?
                  ) c on true
                 where s.conversation_id = ?
                 order by c.seq""",
                rs -> {
                    lastSeq[0] = rs.getLong(1);
                    long seq = rs.getLong(2);
                    if (!rs.wasNull()) {
                        seqs.add(seq);
                        frames.add(ChangeFrame.read(ChangeFrame.Kind.valueOf(rs.getString(3)), rs.getString(4)));
                    }
                },
                after, limit + 1, conversationId);
        long last = lastSeq[0];
        if (after >= last) {
            return new ChangesController.ChangesPage(List.of(), false, false, last);
        }
        // Numbers are taken and committed one after another and the purge removes a conversation's oldest changes
        // first, so what is retained is contiguous: a first change above after + 1 (or a hole, which only a purge
        // racing this read could leave for an instant) means the client's position is gone.
        for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i) != after + 1 + i) {
                return ChangesController.ChangesPage.reset(last);
            }
        }
        if (seqs.isEmpty()) {
            return ChangesController.ChangesPage.reset(last);
        }
        boolean more = frames.size() > limit;
        return new ChangesController.ChangesPage(more ? List.copyOf(frames.subList(0, limit)) : frames, more, false,
                last);
    }
}
