package dev.chat.message.delete;

import dev.chat.events.MessageDeleted;
import dev.chat.message.Message;
import dev.chat.message.changes.ChangeSequence;
import dev.chat.message.changes.ConversationGate;
import dev.chat.message.changes.PostingRefusal;
import dev.chat.message.membership.ConversationRole;
import dev.chat.message.membership.Membership;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a message in one transaction, leaving a tombstone in its position:
 * <ol>
 *   <li>the statement that takes the conversation's next number ({@link ChangeSequence#nextSeqIfMember}) refuses
 *       an archived conversation (409 for everyone; only the repeat of a delete that succeeded gets 204) and returns the caller's role; mutes and read-only channels
 *       do not stop a delete (deleting is no posting). It locks the conversation's seq row, so the message read
 *       next is its latest state;</li>
 *   <li>who may delete (docs/permissions.md, DELETE_OTHERS_MESSAGES): the author; the owner; an admin, unless the
 *       author is the owner or another admin (an admin must outrank the target). A direct conversation has no
 *       moderators. Roles come from the projection only;</li>
 *   <li>a message deleted already changes nothing (the transaction rolls back, the number with it);</li>
 *   <li>the tombstone, the DELETED change row and the MessageDeleted event, then commit.</li>
 * </ol>
 */
@Service
class MessageDeleter {

    static final String NOT_ALLOWED = "only the author or the owner and admins can delete a message";
    static final String NOT_OUTRANKED = "admins cannot delete the messages of the owner or of other admins";

    private sealed interface Attempt {
    }

    private record Done() implements Attempt {
    }

    private record NotListedAsMember() implements Attempt {
    }

    private final DeleteStore store;
    private final ChangeSequence changes;
    private final Membership membership;
    private final TransactionTemplate tx;
    private final ConversationGate gate;

    MessageDeleter(DeleteStore store, ChangeSequence changes, Membership membership, TransactionTemplate tx,
                   ConversationGate gate) {
        this.store = store;
        this.changes = changes;
        this.membership = membership;
        this.tx = tx;
        this.gate = gate;
    }

    void delete(UUID conversationId, Caller caller, UUID messageId) {
        Attempt attempt = gate.through(conversationId, () -> tx.execute(status ->
                attempt(status, conversationId, caller.userId(), messageId, true)));
        if (attempt instanceof NotListedAsMember) {
            membership.confirmWithConversationService(conversationId, caller);
            attempt = gate.through(conversationId, () -> tx.execute(status ->
                    attempt(status, conversationId, caller.userId(), messageId, false)));
        }
        Objects.requireNonNull(attempt);
    }

    private Attempt attempt(TransactionStatus status, UUID conversationId, UUID actorId, UUID messageId,
                            boolean checkProjection) {
        ChangeSequence.Taken taken;
        if (checkProjection) {
            Optional<ChangeSequence.Taken> listed = changes.nextSeqIfMember(conversationId, actorId);
            if (listed.isEmpty()) {
                return new NotListedAsMember();
            }
            taken = listed.get();
        } else {
            // conversation-service confirmed a membership the projection does not show yet: no role is known, so
            // the caller deletes only their own messages until the projection catches up.
            OptionalLong next = changes.nextSeqUnlessArchived(conversationId);
            taken = new ChangeSequence.Taken(next.isEmpty() ? new PostingRefusal(PostingRefusal.Reason.ARCHIVED, null)
                    : null, next.orElse(0), ConversationRole.MEMBER, null);
        }
        Message message = store.find(messageId, conversationId)
                .orElseThrow(() -> ApiProblem.notFound("message " + messageId + " not found"));
        String denial = denial(message, actorId, taken);
        if (taken.refusal() != null) {
            if (message.deletedAt() != null && denial == null) {
                return new Done(); // the repeat of a delete that succeeded before the archive
            }
            throw taken.refusal().problem();
        }
        if (denial != null) {
            throw ApiProblem.forbidden(denial);
        }
        if (message.deletedAt() != null) {
            status.setRollbackOnly(); // deleted already: give the number back
            return new Done();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.tombstone(message, actorId, now);
        changes.record(new MessageDeleted(conversationId, taken.seq(), messageId, message.seq(), actorId, now));
        return new Done();
    }

    /** @return why the actor may not delete the message, null when they may */
    private @Nullable String denial(Message message, UUID actorId, ChangeSequence.Taken actor) {
        if (message.senderId().equals(actorId)) {
            return null;
        }
        if (!actor.mayModerate()) {
            return NOT_ALLOWED;
        }
        if (actor.role() == ConversationRole.ADMIN && membership.roleOf(message.conversationId(), message.senderId())
                .map(ConversationRole::mayModerate).orElse(false)) {
            return NOT_OUTRANKED;
        }
        return null;
    }
}
