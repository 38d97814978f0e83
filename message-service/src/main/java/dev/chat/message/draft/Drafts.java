package dev.chat.message.draft;

import dev.chat.events.DraftChanged;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.message.membership.Membership;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saves and clears drafts, each change in one transaction with its DraftChanged event (the outbox), which the fan-out
 * pushes to the user's other devices as {@code draft.changed}:
 * <ol>
 *   <li>take the user's next version ({@link DraftStore#nextVersion}: their row stays locked until commit, so their
 *       changes, and the events on {@code chat.drafts.v1}, follow the versions);</li>
 *   <li>write or delete the draft. Only a member the projection lists has one (a foreign key to its member row, which
 *       the write holds until commit and whose removal deletes the draft): a caller it does not list is asked about
 *       at conversation-service outside any transaction, and a member it does not list yet (a conversation created
 *       a moment ago) is told to try again in a moment (503) rather than given a draft the projection would not
 *       show;</li>
 *   <li>a reply must answer a message of the conversation (400); then the event, and commit.</li>
 * </ol>
 * A change that changes nothing (clearing no draft) rolls back: no version, no event.
 */
@Service
class Drafts {

    private final DraftStore store;
    private final OutboxWriter outbox;
    private final Membership membership;
    private final TransactionTemplate tx;

    Drafts(DraftStore store, OutboxWriter outbox, Membership membership, TransactionTemplate tx) {
        this.store = store;
        this.outbox = outbox;
        this.membership = membership;
        this.tx = tx;
    }

    /** @return the saved draft; empty when the request cleared it (a blank body) */
    Optional<Draft> put(UUID conversationId, Caller caller, DraftRequest request) {
        if (request.clears()) {
            clear(conversationId, caller);
            return Optional.empty();
        }
        UUID userId = caller.userId();
        Optional<Draft> saved;
        try {
            saved = tx.execute(status -> {
                long version = store.nextVersion(userId);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Optional<Draft> draft = store.save(userId, conversationId, request.body(), request.replyToId(),
                        version, now);
                if (draft.isEmpty()) {
                    status.setRollbackOnly(); // not listed: give the version back
                    return draft;
                }
                if (request.replyToId() != null && !store.isMessageOf(request.replyToId(), conversationId)) {
                    throw ApiProblem.badRequest("replyToId must be a message of this conversation");
                }
                outbox.append(new DraftChanged(userId, conversationId, version, now, false));
                return draft;
            });
        } catch (DataIntegrityViolationException removedMeanwhile) {
            saved = Optional.empty(); // the member row went between the check and the insert: the member left
        }
        if (saved == null || saved.isEmpty()) {
            membership.confirmWithConversationService(conversationId, caller); // 404 when not a member
            throw ApiProblem.unavailable("this conversation is not ready for drafts yet: try again in a moment",
                    null);
        }
        return saved;
    }

    /** Deletes the draft; nothing to delete answers as a success, to a member (404 to anyone else). */
    void clear(UUID conversationId, Caller caller) {
        UUID userId = caller.userId();
        Boolean cleared = tx.execute(status -> {
            long version = store.nextVersion(userId);
            if (!store.delete(userId, conversationId)) {
                status.setRollbackOnly(); // nothing to clear: give the version back
                return false;
            }
            outbox.append(new DraftChanged(userId, conversationId, version,
                    Instant.now().truncatedTo(ChronoUnit.MICROS), true));
            return true;
        });
        if (!Boolean.TRUE.equals(cleared)) {
            membership.require(conversationId, caller);
        }
    }

    /** The caller's draft of the conversation; empty when there is none (404 when the caller is not a member). */
    Optional<Draft> get(UUID conversationId, Caller caller) {
        Optional<Draft> draft = store.find(caller.userId(), conversationId);
        if (draft.isEmpty()) {
            membership.require(conversationId, caller); // a draft exists only for a member: no check needed then
        }
        return draft;
    }
}
