package dev.chat.message.changes;

import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.message.membership.ConversationRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A conversation's one change sequence: every change of a conversation (a message created, edited or deleted; a
 * reaction added or removed; a message pinned or unpinned) takes the next number here, inside the caller's transaction, and records itself here.
 *
 * <ol>
 *   <li>{@code nextSeq...} locks the conversation's {@code conversation_seq} row (until commit) and takes its next
 *       number, in the same statement that checks the actor against the membership projection: one conversation's
 *       changes commit one after another, so their {@code message_changes} rows and outbox rows follow the numbers
 *       and Kafka carries them in order on {@code chat.messages.v1}. A refused change locks and writes nothing;
 *       a caller that gives up after taking a number rolls its transaction back, and the number with it.</li>
 *   <li>{@link #record} writes the change's {@code message_changes} row (its socket frame) and its event into
 *       the outbox. A send writes its CREATED row in the statement that inserts the message (the send path keeps
 *       its three statements) and only appends its event: {@link #recordCreatedWithItsRow}.</li>
 * </ol>
 * Callers run their transaction through the {@link ConversationGate}.
 */
@Component
public class ChangeSequence {

    /**
     * What the projection says about the actor, and the number taken when it lets them act.
     *
     * @param refusal          null when the number was taken
     * @param seq              the number taken, 0 when refused (or only checked: {@link #mayPost})
     * @param role             the actor's role in the conversation
     * @param conversationType DIRECT, GROUP or CHANNEL; null when the projection does not know it
     */
    public record Taken(@Nullable PostingRefusal refusal, long seq, ConversationRole role,
                        @Nullable String conversationType) {

        /** A direct conversation has no moderators, whatever roles its two members were given. */
        public boolean mayModerate() {
            return role.mayModerate() && !"DIRECT".equals(conversationType);
        }
    }

    /**
     * The posting rules of docs/permissions.md, written here once, first holding rule first: archived (nobody
     * posts), muted ({@code now() < muted_until}; 'infinity' until unmuted), read-only channel and not the owner
     * or an admin. A member whose conversation row is missing (created before that projection existed) posts.
     */
    private static final String POSTING_RULES = """
            case when c.archived then 'ARCHIVED'
                 when now() < m.muted_until then 'MUTED'
                 when c.read_only and m.role not in ('OWNER', 'ADMIN') then 'READ_ONLY'
            end""";

    /**
     * Reacting is posting, except in a read-only channel: announcements get reactions from every member. An
     * archived conversation takes none; a muted member does not react.
     */
    private static final String REACTING_RULES = """
            case when c.archived then 'ARCHIVED'
                 when now() < m.muted_until then 'MUTED'
            end""";

    /** Deleting is no posting: a muted member, or a plain member of a read-only channel, still deletes. */
    private static final String ARCHIVED_ONLY = "case when c.archived then 'ARCHIVED' end";

    private static final String TAKE_IF = """
            with actor as (
                select %s as refusal,
                       case when isfinite(m.muted_until) then m.muted_until end as muted_until,
                       m.role, c.type
                  from members m
                  left join conversations c on c.conversation_id = m.conversation_id
                 where m.conversation_id = ? and m.user_id = ?
            ), taken as (
                insert into conversation_seq as s (conversation_id, last_seq)
                select ?, 1 from actor where refusal is null
                on conflict (conversation_id) do update set last_seq = s.last_seq + 1
                returning s.last_seq
            )
            select a.refusal, a.muted_until, (select t.last_seq from taken t), a.role, a.type from actor a""";

    private static final String TAKE_IF_MAY_POST = TAKE_IF.formatted(POSTING_RULES);
    /** The posting rules alone (no number taken, nothing locked): the same columns as {@link #TAKE_IF}. */
    private static final String CHECK_MAY_POST = """
            select %s as refusal,
                   case when isfinite(m.muted_until) then m.muted_until end as muted_until,
                   0, m.role, c.type
              from members m
              left join conversations c on c.conversation_id = m.conversation_id
             where m.conversation_id = ? and m.user_id = ?""".formatted(POSTING_RULES);
    private static final String TAKE_IF_MAY_REACT = TAKE_IF.formatted(REACTING_RULES);
    private static final String TAKE_IF_MEMBER = TAKE_IF.formatted(ARCHIVED_ONLY);

    private final JdbcTemplate jdbc;
    private final OutboxWriter outbox;

    ChangeSequence(JdbcTemplate jdbc, OutboxWriter outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * For a send or an edit: one statement reads the actor's membership row with its conversation's (primary-key
     * probes) and, only if the posting rules let them post, takes the next number.
     *
     * @return empty when the projection does not list the actor (nothing was locked or written)
     */
    public Optional<Taken> nextSeqIfMayPost(UUID conversationId, UUID actorId) {
        return take(TAKE_IF_MAY_POST, conversationId, actorId);
    }

    /**
     * For what posts later (a scheduled message): what {@link #nextSeqIfMayPost} would decide now, from the same
     * rules, without locking or taking anything (the {@link Taken}'s seq is 0).
     *
     * @return empty when the projection does not list the actor
     */
    public Optional<Taken> mayPost(UUID conversationId, UUID actorId) {
        return jdbc.query(CHECK_MAY_POST, ChangeSequence::taken, conversationId, actorId).stream().findFirst();
    }

    /**
     * For a reaction added or removed: as {@link #nextSeqIfMayPost}, but a read-only channel lets every member react
     * (only an archived conversation or a mute refuses).
     *
     * @return empty when the projection does not list the actor (nothing was locked or written)
     */
    public Optional<Taken> nextSeqIfMayReact(UUID conversationId, UUID actorId) {
        return take(TAKE_IF_MAY_REACT, conversationId, actorId);
    }

    /**
     * For a delete, a pin or an unpin: as {@link #nextSeqIfMayPost}, but only an archived conversation refuses (the
     * caller decides who may act from the returned role and conversation type).
     *
     * @return empty when the projection does not list the actor (nothing was locked or written)
     */
    public Optional<Taken> nextSeqIfMember(UUID conversationId, UUID actorId) {
        return take(TAKE_IF_MEMBER, conversationId, actorId);
    }

    /**
     * Takes the next number for an actor conversation-service confirmed as a member (the projection does not list
     * them yet), unless the projection already knows the conversation is archived.
     *
     * @return empty when it is archived (nothing was locked or written)
     */
    public OptionalLong nextSeqUnlessArchived(UUID conversationId) {
        return jdbc.query("""
                insert into conversation_seq as s (conversation_id, last_seq)
                select ?, 1 where not exists (select 1 from conversations where conversation_id = ? and archived)
                on conflict (conversation_id) do update set last_seq = s.last_seq + 1
                returning s.last_seq""",
                (rs, i) -> rs.getLong(1), conversationId, conversationId)
                .stream().mapToLong(Long::longValue).findFirst();
    }

    /** Records an edit that took {@code edited.seq()}: its change row and its event, in the caller's transaction. */
    public void record(MessageEdited edited) {
        insertChange(ChangeFrame.of(edited), edited.messageId());
        outbox.append(edited);
    }

    /** Records a delete that took {@code deleted.seq()}: its change row and its event, in the caller's transaction. */
    public void record(MessageDeleted deleted) {
        insertChange(ChangeFrame.of(deleted), deleted.messageId());
        outbox.append(deleted);
    }

    /** Records a reaction that took {@code added.seq()}: its change row and its event, in the caller's transaction. */
    public void record(ReactionAdded added) {
        insertChange(ChangeFrame.of(added), added.messageId());
        outbox.append(added);
    }

    /** Records a reaction's removal that took {@code removed.seq()}, as {@link #record(ReactionAdded)}. */
    public void record(ReactionRemoved removed) {
        insertChange(ChangeFrame.of(removed), removed.messageId());
        outbox.append(removed);
    }

    /** Records a pin that took {@code pinned.seq()}: its change row and its event, in the caller's transaction. */
    public void record(MessagePinned pinned) {
        insertChange(ChangeFrame.of(pinned), pinned.messageId());
        outbox.append(pinned);
    }

    /** Records an unpin that took {@code unpinned.seq()}: its change row and its event, in the caller's transaction. */
    public void record(MessageUnpinned unpinned) {
        insertChange(ChangeFrame.of(unpinned), unpinned.messageId());
        outbox.append(unpinned);
    }

    /**
     * The payload of a send's CREATED row, which the statement that inserts the message writes with it (kind
     * {@code 'CREATED'}); then {@link #recordCreatedWithItsRow} appends the event.
     */
    public static String createdPayload(MessageCreated created) {
        return ChangeFrame.json(ChangeFrame.of(created));
    }

    /**
     * Records a send whose CREATED row the message's insert already wrote (with {@link #createdPayload}): appends
     * its event, in the caller's transaction.
     */
    public void recordCreatedWithItsRow(MessageCreated created) {
        outbox.append(created);
    }

    private void insertChange(ChangeFrame frame, UUID messageId) {
        jdbc.update("""
                insert into message_changes (conversation_id, seq, kind, message_id, payload)
                values (?, ?, ?, ?, ?::jsonb)""",
                frame.conversationId(), frame.seq(), ChangeFrame.kindOf(frame).name(), messageId,
                ChangeFrame.json(frame));
    }

    private Optional<Taken> take(String sql, UUID conversationId, UUID actorId) {
        return jdbc.query(sql, ChangeSequence::taken, conversationId, actorId, conversationId).stream().findFirst();
    }

    private static Taken taken(ResultSet rs, int row) throws SQLException {
        ConversationRole role = role(rs.getString(4));
        String type = rs.getString(5);
        String refusal = rs.getString(1);
        if (refusal == null) {
            return new Taken(null, rs.getLong(3), role, type);
        }
        OffsetDateTime mutedUntil = rs.getObject(2, OffsetDateTime.class);
        return new Taken(new PostingRefusal(PostingRefusal.Reason.valueOf(refusal),
                mutedUntil == null ? null : mutedUntil.toInstant()), 0, role, type);
    }

    /** The projection stores only OWNER, ADMIN and MEMBER; anything else reads as the least privilege. */
    private static ConversationRole role(String stored) {
        try {
            return ConversationRole.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            return ConversationRole.MEMBER;
        }
    }
}
