package dev.chat.message;

import dev.chat.events.Attachment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A message as the API shows it. replyToId is null for a message that replies to nothing. editedAt is set once its
 * body was edited (the last edit); deletedAt and deletedBy once it was deleted: the row stays as a tombstone in its
 * position, its body empty, unpinned and without reactions. pinnedAt and pinnedBy are set while it is pinned.
 * reactions: one entry per emoji, ordered by the emoji's first reaction (of its current run: an emoji keeps its place
 * while anyone reacts with it, a new one goes last), with how many members reacted with it and whether the caller is
 * one of them (computed per caller, one query per page: {@code reaction.ReactionCounts}). replyCount: how many messages
 * were sent as replies to this one (deleted replies included: they stay as tombstones in the replies list);
 * lastReplyAt: when the latest of them was sent, null while there is none. attachments: the files it carries, in the
 * order sent (empty when none, and once deleted).
 */
public record Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String body,
                      @Nullable UUID replyToId, Instant createdAt, @Nullable Instant editedAt,
                      @Nullable Instant deletedAt, @Nullable UUID deletedBy, @Nullable Instant pinnedAt,
                      @Nullable UUID pinnedBy, int replyCount, @Nullable Instant lastReplyAt,
                      List<Reaction> reactions, List<UUID> mentions, List<Attachment> attachments) {

    /** The longest body a send or an edit accepts, in UTF-16 units (as a browser's maxlength counts). */
    public static final int MAX_BODY_LENGTH = 4000;

    /** The select list that {@link #ROW_MAPPER} reads, for a {@code messages} table aliased {@code m}. */
    public static final String COLUMNS = "m.id, m.conversation_id, m.seq, m.sender_id, m.client_message_id, m.body,"
            + " m.reply_to_id, m.created_at, m.edited_at, m.deleted_at, m.deleted_by, m.pinned_at, m.pinned_by,"
            + " m.reply_count, m.last_reply_at, m.mentions, m.attachments";

    private static final JsonMapper ATTACHMENTS = JsonMapper.builder().build();

    /** Reads a message without its reactions (an empty list): a page adds them with one query. */
    public static final RowMapper<Message> ROW_MAPPER = Message::read;

    /** One emoji's reactions on a message, as the caller sees them. */
    public record Reaction(String emoji, int count, boolean me) {
    }

    public Message {
        reactions = List.copyOf(reactions);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message as it is created: never edited, not deleted, not pinned, no replies, no reactions. */
    public Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String body,
                   @Nullable UUID replyToId, Instant createdAt, List<UUID> mentions, List<Attachment> attachments) {
        this(id, conversationId, seq, senderId, clientMessageId, body, replyToId, createdAt, null, null, null, null,
                null, 0, null, List.of(), mentions, attachments);
    }

    /** A message as it is created that mentions nobody and carries nothing. */
    public Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String body,
                   @Nullable UUID replyToId, Instant createdAt) {
        this(id, conversationId, seq, senderId, clientMessageId, body, replyToId, createdAt, List.of(), List.of());
    }

    /** This message with its body (and so its mentions) replaced by an edit made at {@code editedAt}. */
    public Message edited(String newBody, Instant editedAt, List<UUID> newMentions) {
        return new Message(id, conversationId, seq, senderId, clientMessageId, newBody, replyToId, createdAt, editedAt,
                deletedAt, deletedBy, pinnedAt, pinnedBy, replyCount, lastReplyAt, reactions, newMentions, attachments);
    }

    public Message withReactions(List<Reaction> newReactions) {
        return new Message(id, conversationId, seq, senderId, clientMessageId, body, replyToId, createdAt, editedAt,
                deletedAt, deletedBy, pinnedAt, pinnedBy, replyCount, lastReplyAt, newReactions, mentions, attachments);
    }

    private static Message read(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                instant(rs, 8), instant(rs, 9), instant(rs, 10), rs.getObject(11, UUID.class), instant(rs, 12),
                rs.getObject(13, UUID.class), rs.getInt(14), instant(rs, 15), List.of(), uuids(rs, 16),
                attachments(rs.getString(17)));
    }

    /** The {@code attachments} column's JSON for {@code attachments}: null for none. */
    public static @Nullable String attachmentsJson(List<Attachment> attachments) {
        return attachments.isEmpty() ? null : ATTACHMENTS.writeValueAsString(attachments);
    }

    private static List<Attachment> attachments(@Nullable String json) {
        return json == null ? List.of() : List.of(ATTACHMENTS.readValue(json, Attachment[].class));
    }

    private static List<UUID> uuids(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
