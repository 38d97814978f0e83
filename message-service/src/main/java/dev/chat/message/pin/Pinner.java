package dev.chat.message.pin;

import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.message.Message;
import dev.chat.message.changes.ChangeSequence;
import dev.chat.message.changes.ConversationGate;
import dev.chat.message.membership.Membership;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pins or unpins a message in one transaction, as a delete removes one:
 * <ol>
 *   <li>the statement that takes the conversation's next number ({@link ChangeSequence#nextSeqIfMember}) refuses an
 *       archived conversation (409; only the repeat of a pin or unpin that succeeded answers 204) and returns the
 *       caller's role and the conversation's type; mutes and read-only channels do not stop a pin;</li>
 *   <li>who may pin (docs/permissions.md, PIN): the owner and admins, from the projection only; in a direct
 *       conversation (no moderators) both members. A caller the projection does not list yet has no role: 403
 *       once conversation-service confirms the membership, 404 when it does not;</li>
 *   <li>the message must exist in the conversation (404) and not be deleted (409); pinning a pinned message or
 *       unpinning an unpinned one changes nothing (the transaction rolls back, the number with it); a conversation
 *       holds at most {@value #MAX_PINNED} pinned messages (409 beyond);</li>
 *   <li>the pin columns, the change row and the MessagePinned / MessageUnpinned event, then commit.</li>
 * </ol>
 */
@Service
class Pinner {

    static final int MAX_PINNED = 100;
    static final String NOT_ALLOWED = "only the owner and admins can pin messages";

    private sealed interface Attempt {
    }

    private record Done() implements Attempt {
    }

    private record NotListedAsMember() implements Attempt {
    }

    private final PinStore store;
    private final ChangeSequence changes;
    private final Membership membership;
    private final TransactionTemplate tx;
    private final ConversationGate gate;

    Pinner(PinStore store, ChangeSequence changes, Membership membership, TransactionTemplate tx,
           ConversationGate gate) {
        this.store = store;
        this.changes = changes;
        this.membership = membership;
        this.tx = tx;
        this.gate = gate;
    }

    /** @param pin true to pin, false to unpin */
    void pin(UUID conversationId, Caller caller, UUID messageId, boolean pin) {
        Attempt attempt = gate.through(conversationId, () -> tx.execute(status ->
                attempt(status, conversationId, caller.userId(), messageId, pin)));
        if (attempt instanceof NotListedAsMember) {
            membership.confirmWithConversationService(conversationId, caller);
            throw ApiProblem.forbidden(NOT_ALLOWED); // a member the projection does not list yet is nobody's moderator
        }
        Objects.requireNonNull(attempt);
    }

    private Attempt attempt(TransactionStatus status, UUID conversationId, UUID actorId, UUID messageId,
                            boolean pin) {
        Optional<ChangeSequence.Taken> listed = changes.nextSeqIfMember(conversationId, actorId);
        if (listed.isEmpty()) {
            return new NotListedAsMember();
        }
        ChangeSequence.Taken taken = listed.get();
        Message message = store.find(messageId, conversationId)
                .orElseThrow(() -> ApiProblem.notFound("message " + messageId + " not found"));
        boolean allowed = mayPin(taken);
        boolean alreadySo = message.deletedAt() == null && (message.pinnedAt() != null) == pin;
        if (taken.refusal() != null) {
            if (allowed && alreadySo) {
                return new Done(); // the repeat of a pin or unpin that succeeded before the archive
            }
            throw taken.refusal().problem();
        }
        if (!allowed) {
            throw ApiProblem.forbidden(NOT_ALLOWED);
        }
        if (message.deletedAt() != null) {
            throw ApiProblem.conflict("message " + messageId + " was deleted");
        }
        if (alreadySo) {
            status.setRollbackOnly(); // already so: give the number back
            return new Done();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (pin) {
            if (store.pinnedCount(conversationId) >= MAX_PINNED) {
                throw ApiProblem.conflict("a conversation holds at most " + MAX_PINNED
                        + " pinned messages: unpin one first");
            }
            store.pin(message, actorId, now, taken.seq());
            changes.record(new MessagePinned(conversationId, taken.seq(), messageId, message.seq(), actorId, now));
        } else {
            store.unpin(message);
            changes.record(new MessageUnpinned(conversationId, taken.seq(), messageId, message.seq(), actorId, now));
        }
        return new Done();
    }

    /** The owner and admins; in a direct conversation, which has no moderators, both members. */
    private static boolean mayPin(ChangeSequence.Taken actor) {
        return "DIRECT".equals(actor.conversationType()) || actor.role().mayModerate();
    }
}
