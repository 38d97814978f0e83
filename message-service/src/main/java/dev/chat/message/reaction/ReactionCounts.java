package dev.chat.message.reaction;

import dev.chat.message.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * The reactions of a page of messages as one caller sees them: one aggregate query over the page's message ids
 * (the primary key of {@code message_reactions} leads with message_id), never one per message.
 */
@Component
public class ReactionCounts {

    private final JdbcTemplate jdbc;

    ReactionCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @return the messages, in their order, each with its reactions: per emoji, how many reacted and whether
     *         {@code callerId} did, ordered by when the emoji's current run began (the reaction that took its
     *         count from 0 to 1): an emoji keeps its place while anyone reacts with it, a new one goes last
     */
    public List<Message> of(List<Message> messages, UUID callerId) {
        if (messages.isEmpty()) {
            return messages;
        }
        Map<UUID, List<Message.Reaction>> byMessage = new HashMap<>();
        jdbc.query("""
                select message_id, emoji, count(*)::int, bool_or(user_id = ?), min(emoji_since) as since
                  from message_reactions
                 where message_id = any(?)
                 group by message_id, emoji
                 order by message_id, since""",
                rs -> {
                    byMessage.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Message.Reaction(rs.getString(2), rs.getInt(3), rs.getBoolean(4)));
                },
                callerId, new SqlArrayValue("uuid", messages.stream().map(Message::id).distinct().toArray()));
        if (byMessage.isEmpty()) {
            return messages;
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            List<Message.Reaction> reactions = byMessage.get(m.id());
            out.add(reactions == null ? m : m.withReactions(reactions));
        }
        return List.copyOf(out);
    }

    /** One message, as {@link #of(List, UUID)}. */
    public Message of(Message message, UUID callerId) {
        return of(List.of(message), callerId).getFirst();
    }
}
