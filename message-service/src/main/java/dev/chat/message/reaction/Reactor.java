package dev.chat.message.reaction;

import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
import dev.chat.message.Message;
import dev.chat.message.changes.ChangeSequence;
import dev.chat.message.changes.ConversationGate;
import dev.chat.message.changes.PostingRefusal;
import dev.chat.message.membership.Membership;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds or removes a member's reaction in one transaction, as an edit changes a body:
 * <ol>
 *   <li>the statement that takes the conversation's next number ({@link ChangeSequence#nextSeqIfMayReact}) refuses
 *       an archived conversation (409) and a muted member (403); a read-only channel lets every member react. It
 *       locks the conversation's seq row, so what is read next is the latest state;</li>
 *   <li>the message must exist in the conversation (404) and not be deleted (409);</li>
 *   <li>adding a reaction the member has already, or removing one they do not have, changes nothing (the
 *       transaction rolls back, the number with it);</li>
 *   <li>the reaction row, the change row and the ReactionAdded / ReactionRemoved event, then commit.</li>
 * </ol>
 * A caller the projection does not list is asked about at conversation-service outside any transaction, as a send
 * does; then only an archived conversation refuses. A refused request that asks for the state the message already
 * has (the repeat of one that succeeded before a mute or an archive) answers as a success.
 */
@Service
class Reactor {

    private sealed interface Attempt {
    }

    private record Done() implements Attempt {
    }

    private record NotListedAsMember() implements Attempt {
    }

    private final ReactionStore store;
    private final ChangeSequence changes;
    private final Membership membership;
    private final TransactionTemplate tx;
    private final ConversationGate gate;

    Reactor(ReactionStore store, ChangeSequence changes, Membership membership, TransactionTemplate tx,
            ConversationGate gate) {
        this.store = store;
        this.changes = changes;
        this.membership = membership;
        this.tx = tx;
        this.gate = gate;
    }

    /** @param add true to add the reaction, false to remove it */
    void react(UUID conversationId, Caller caller, UUID messageId, String emoji, boolean add) {
        Attempt attempt = gate.through(conversationId, () -> tx.execute(status ->
                attempt(status, conversationId, caller.userId(), messageId, emoji, add, true)));
        if (attempt instanceof NotListedAsMember) {
            membership.confirmWithConversationService(conversationId, caller);
            attempt = gate.through(conversationId, () -> tx.execute(status ->
                    attempt(status, conversationId, caller.userId(), messageId, emoji, add, false)));
        }
        Objects.requireNonNull(attempt);
    }

    private Attempt attempt(TransactionStatus status, UUID conversationId, UUID userId, UUID messageId, String emoji,
                            boolean add, boolean checkProjection) {
        long seq;
        if (checkProjection) {
            Optional<ChangeSequence.Taken> taken = changes.nextSeqIfMayReact(conversationId, userId);
            if (taken.isEmpty()) {
                return new NotListedAsMember();
            }
            if (taken.get().refusal() != null) {
                return repeatOrRefuse(conversationId, userId, messageId, emoji, add, taken.get().refusal());
            }
            seq = taken.get().seq();
        } else {
            OptionalLong next = changes.nextSeqUnlessArchived(conversationId);
            if (next.isEmpty()) {
                return repeatOrRefuse(conversationId, userId, messageId, emoji, add,
                        new PostingRefusal(PostingRefusal.Reason.ARCHIVED, null));
            }
            seq = next.getAsLong();
        }
        Message message = reactable(conversationId, messageId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean changed = add ? store.add(message, userId, emoji, seq, now) : store.remove(message, userId, emoji);
        if (!changed) {
            status.setRollbackOnly(); // already so: give the number back
            return new Done();
        }
        if (add) {
            changes.record(new ReactionAdded(conversationId, seq, messageId, message.seq(), userId, emoji, now));
        } else {
            changes.record(new ReactionRemoved(conversationId, seq, messageId, message.seq(), userId, emoji, now));
        }
        return new Done();
    }

    /** @throws ApiProblem 404 (no such message here), 409 (deleted) */
    private Message reactable(UUID conversationId, UUID messageId) {
        Message message = store.find(messageId, conversationId)
                .orElseThrow(() -> ApiProblem.notFound("message " + messageId + " not found"));
        if (message.deletedAt() != null) {
            throw ApiProblem.conflict("message " + messageId + " was deleted");
        }
        return message;
    }

    private Attempt repeatOrRefuse(UUID conversationId, UUID userId, UUID messageId, String emoji, boolean add,
                                   PostingRefusal refusal) {
        boolean alreadySo = store.find(messageId, conversationId)
                .filter(m -> m.deletedAt() == null)
                .map(m -> store.exists(messageId, userId, emoji) == add)
                .orElse(false);
        if (alreadySo) {
            return new Done();
        }
        throw refusal.problem();
    }
}
