package dev.chat.message.send;

import dev.chat.events.Attachment;
import dev.chat.events.MessageCreated;
import dev.chat.message.Message;
import dev.chat.message.attachment.Attachments;
import dev.chat.message.changes.ChangeSequence;
import dev.chat.message.changes.ConversationGate;
import dev.chat.message.changes.PostingRefusal;
import dev.chat.message.membership.Membership;
import dev.chat.message.mention.Mentions;
import dev.chat.message.reaction.ReactionCounts;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a message, its CREATED change and its MessageCreated event in one transaction:
 * <ol>
 *   <li>check that the projection lists the sender and lets them post (not archived, not muted, not a plain
 *       member of a read-only channel) and, only then, take the conversation's next seq, in one statement
 *       that locks the conversation's seq row until commit ({@link ChangeSequence#nextSeqIfMayPost}): one
 *       conversation's changes commit one after another, so their outbox rows (and Kafka records) follow seq
 *       order;</li>
 *   <li>for a reply only: count it on its parent, which must be a message of this conversation (deleted or
 *       not), in one UPDATE that is also the check ({@link MessageStore#countReply}); a retry rolls it back
 *       with the rest;</li>
 *   <li>with attachments only: look them up in the media projection (the sender's, READY), one index probe;</li>
 *   <li>insert the message and its {@code message_changes} row (one statement) unless (conversation, sender,
 *       clientMessageId) exists: then this is a retry, the transaction rolls back (no seq used) and the first
 *       attempt's message is returned;</li>
 *   <li>append MessageCreated to the outbox; commit.</li>
 * </ol>
 * Three statements and a commit in the common case (a reply adds the parent's UPDATE), as before the posting rules and the change feed: the rules
 * ride in the first statement, the change row in the insert. A refused send locks and writes nothing; it first
 * looks for a message stored under its clientMessageId, so the retry of a send that succeeded before a mute or an archive still gets the first
 * attempt's message. When the projection does not list the sender, the transaction ends without writing,
 * conversation-service is asked outside any transaction (no connection held across the network), and the send
 * runs again without the membership check. The {@link ConversationGate} keeps a burst into one conversation
 * from taking the whole connection pool.
 */
@Service
class MessageSender {

    /** What a send did: {@code created} false for a retry that returned the stored message. */
    record Outcome(Message message, boolean created) {
    }

    private sealed interface Attempt {
    }

    private record Stored(Message message, boolean created) implements Attempt {
    }

    private record NotListedAsMember() implements Attempt {
    }

    private final MessageStore store;
    private final ChangeSequence changes;
    private final Membership membership;
    private final TransactionTemplate tx;
    private final ConversationGate gate;
    private final ReactionCounts reactions;
    private final Mentions mentions;
    private final Attachments attachments;
    private final Counter sent;

    MessageSender(MessageStore store, ChangeSequence changes, Membership membership, TransactionTemplate tx,
                  ConversationGate gate, ReactionCounts reactions, Mentions mentions, Attachments attachments,
                  MeterRegistry meters) {
        this.mentions = mentions;
        this.attachments = attachments;
        this.store = store;
        this.changes = changes;
        this.membership = membership;
        this.tx = tx;
        this.gate = gate;
        this.reactions = reactions;
        this.sent = Counter.builder("chat.messages.sent")
                .description("Messages stored (a retry of a stored send is not counted)").register(meters);
    }

    Outcome send(UUID conversationId, Caller caller, SendMessageRequest request) {
        Attempt attempt = gate.through(conversationId, () ->
                tx.execute(status -> attempt(status, conversationId, caller.userId(), request, true)));
        if (attempt instanceof NotListedAsMember) {
            membership.confirmWithConversationService(conversationId, caller);
            attempt = gate.through(conversationId, () ->
                    tx.execute(status -> attempt(status, conversationId, caller.userId(), request, false)));
        }
        Stored stored = (Stored) Objects.requireNonNull(attempt);
        if (!stored.created() && !sameContent(stored.message(), request)) {
            throw ApiProblem.conflict("clientMessageId " + request.clientMessageId()
                    + " was already used for a different message");
        }
        if (stored.created()) {
            sent.increment();
            return new Outcome(stored.message(), true); // new: no reactions yet, no query
        }
        // a retry answers the stored message as it is now, its reactions with it (one query, retries only)
        return new Outcome(reactions.of(stored.message(), caller.userId()), false);
    }

    private Attempt attempt(TransactionStatus status, UUID conversationId, UUID senderId, SendMessageRequest request,
                            boolean checkProjection) {
        long seq;
        if (checkProjection) {
            Optional<ChangeSequence.Taken> check = changes.nextSeqIfMayPost(conversationId, senderId);
            if (check.isEmpty()) {
                return new NotListedAsMember();
            }
            if (check.get().refusal() != null) {
                return retryOrRefuse(conversationId, senderId, request, check.get().refusal());
            }
            seq = check.get().seq();
        } else {
            // conversation-service confirmed the membership the projection does not show yet (its events are
            // milliseconds behind): the projection has no role or mute for this sender yet, so only the
            // conversation's own state (archived) can be checked; read-only and mutes apply once it catches up.
            OptionalLong next = changes.nextSeqUnlessArchived(conversationId);
            if (next.isEmpty()) {
                return retryOrRefuse(conversationId, senderId, request,
                        new PostingRefusal(PostingRefusal.Reason.ARCHIVED, null));
            }
            seq = next.getAsLong();
        }
        Message message = create(conversationId, seq, senderId, request);
        if (message == null) {
            // A retry: give back the seq we took (rollback) and answer with the first attempt's message.
            status.setRollbackOnly();
            return new Stored(store.findByClientMessageId(conversationId, senderId, request.clientMessageId())
                    .orElseThrow(), false);
        }
        return new Stored(message, true);
    }

    /**
     * Steps 2 to 4 with {@code seq} taken: the reply's count on its parent, the message with its CREATED row, the
     * MessageCreated event.
     *
     * @return null when (conversation, sender, clientMessageId) exists already (nothing written)
     */
    private @Nullable Message create(UUID conversationId, long seq, UUID senderId, SendMessageRequest request) {
        Message message = new Message(MessageIds.next(), conversationId, seq, senderId, request.clientMessageId(),
                request.body(), request.replyToId(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                mentions.resolve(conversationId, request.body()), attachments.resolve(senderId, request.attachments()));
        if (request.replyToId() != null
                && !store.countReply(request.replyToId(), conversationId, message.createdAt())) {
            // the transaction rolls back: the seq taken above is given back
            throw ApiProblem.badRequest("replyToId must be a message of this conversation");
        }
        MessageCreated created = new MessageCreated(message.id(), conversationId, seq, senderId,
                message.clientMessageId(), message.body(), message.replyToId(), message.createdAt(), message.mentions(),
                message.attachments());
        if (!store.insertIfNew(message, ChangeSequence.createdPayload(created))) {
            return null;
        }
        changes.recordCreatedWithItsRow(created);
        return message;
    }

    /**
     * A send the service makes for a sender who is not calling (a scheduled message, {@link DeferredSend}), in the
     * caller's transaction, with the same rules, number, change row and event as {@link #send}. It first looks for
     * the message stored under its clientMessageId (a replay writes nothing), and it asks nobody remote: the
     * projection must list the sender. A reply's parent is read before the number is taken, so a refusal locks and
     * writes nothing and the caller can record it in the same transaction.
     */
    DeferredSend.Result sendInTransaction(UUID conversationId, UUID senderId, SendMessageRequest request) {
        Optional<Message> sentBefore = store.findByClientMessageId(conversationId, senderId, request.clientMessageId());
        if (sentBefore.isPresent()) {
            return new DeferredSend.Sent(sentBefore.get(), false);
        }
        if (request.replyToId() != null && !store.exists(request.replyToId(), conversationId)) {
            return new DeferredSend.Refused("the message it replies to is not in the conversation");
        }
        Optional<ChangeSequence.Taken> check = changes.nextSeqIfMayPost(conversationId, senderId);
        if (check.isEmpty()) {
            return new DeferredSend.Refused("the sender is not a member of the conversation");
        }
        if (check.get().refusal() != null) {
            return new DeferredSend.Refused(check.get().refusal().problem().getBody().getDetail());
        }
        // messages are never removed (a delete leaves a tombstone), so the parent read above is still there
        Message message = Objects.requireNonNull(create(conversationId, check.get().seq(), senderId, request),
                "no other send uses this clientMessageId, and the caller holds the one that does");
        // counted once the caller's transaction commits, as a send is once its own has
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sent.increment();
            }
        });
        return new DeferredSend.Sent(message, true);
    }

    /** A refused send that was stored before the refusal began (a retry) gets the stored message; others the refusal. */
    private Attempt retryOrRefuse(UUID conversationId, UUID senderId, SendMessageRequest request,
                                  PostingRefusal refusal) {
        return store.findByClientMessageId(conversationId, senderId, request.clientMessageId())
                .<Attempt>map(stored -> new Stored(stored, false))
                .orElseThrow(refusal::problem);
    }

    /**
     * An edited or deleted message no longer shows the body it was sent with, a deleted one no attachments: only what
     * it still shows as sent is compared, and its reply target.
     */
    private static boolean sameContent(Message stored, SendMessageRequest request) {
        boolean bodyAsSent = stored.editedAt() == null && stored.deletedAt() == null;
        boolean attachmentsAsSent = stored.deletedAt() == null;
        return (!bodyAsSent || stored.body().equals(request.body()))
                && (!attachmentsAsSent || stored.attachments().stream().map(Attachment::mediaId).toList()
                        .equals(request.attachments()))
                && Objects.equals(stored.replyToId(), request.replyToId());
    }
}
