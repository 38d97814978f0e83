package dev.chat.message.edit;

import dev.chat.events.MessageEdited;
import dev.chat.message.Message;
import dev.chat.message.changes.ChangeSequence;
import dev.chat.message.changes.ConversationGate;
import dev.chat.message.changes.PostingRefusal;
import dev.chat.message.membership.Membership;
import dev.chat.message.mention.Mentions;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Edits a message's body in one transaction, as a send posts one:
 * <ol>
 *   <li>the posting rules (a muted author, a plain member of a read-only channel, anyone in an archived
 *       conversation may not edit) are checked in the statement that takes the conversation's next number
 *       ({@link ChangeSequence#nextSeqIfMayPost}), which locks its seq row: every change of the conversation
 *       waits here, so the message read next is its latest state;</li>
 *   <li>the message must exist in the conversation (404), be the caller's (403) and not be deleted (409); the
 *       same body as now changes nothing (the transaction rolls back, the number with it);</li>
 *   <li>the new body and editedAt, the replaced body in {@code message_edits}, the EDITED change row and the
 *       MessageEdited event, then commit.</li>
 * </ol>
 * A caller the projection does not list is asked about at conversation-service outside any transaction, as a send
 * does; then only an archived conversation refuses.
 */
@Service
class MessageEditor {

    private sealed interface Attempt {
    }

    private record Done(Message message) implements Attempt {
    }

    private record NotListedAsMember() implements Attempt {
    }

    private final EditStore store;
    private final ChangeSequence changes;
    private final Membership membership;
    private final TransactionTemplate tx;
    private final ConversationGate gate;
    private final Mentions mentions;

    MessageEditor(EditStore store, ChangeSequence changes, Membership membership, TransactionTemplate tx,
                  ConversationGate gate, Mentions mentions) {
        this.mentions = mentions;
        this.store = store;
        this.changes = changes;
        this.membership = membership;
        this.tx = tx;
        this.gate = gate;
    }

    /** @return the message as it is now (unchanged when {@code body} is its body already) */
    Message edit(UUID conversationId, Caller caller, UUID messageId, String body) {
        Attempt attempt = gate.through(conversationId, () -> tx.execute(status ->
                attempt(status, conversationId, caller.userId(), messageId, body, true)));
        if (attempt instanceof NotListedAsMember) {
            membership.confirmWithConversationService(conversationId, caller);
            attempt = gate.through(conversationId, () -> tx.execute(status ->
                    attempt(status, conversationId, caller.userId(), messageId, body, false)));
        }
        return ((Done) Objects.requireNonNull(attempt)).message();
    }

    private Attempt attempt(TransactionStatus status, UUID conversationId, UUID editorId, UUID messageId,
                            String body, boolean checkProjection) {
        long seq;
        if (checkProjection) {
            Optional<ChangeSequence.Taken> taken = changes.nextSeqIfMayPost(conversationId, editorId);
            if (taken.isEmpty()) {
                return new NotListedAsMember();
            }
            if (taken.get().refusal() != null) {
                return repeatOrRefuse(conversationId, editorId, messageId, body, taken.get().refusal());
            }
            seq = taken.get().seq();
        } else {
            OptionalLong next = changes.nextSeqUnlessArchived(conversationId);
            if (next.isEmpty()) {
                return repeatOrRefuse(conversationId, editorId, messageId, body,
                        new PostingRefusal(PostingRefusal.Reason.ARCHIVED, null));
            }
            seq = next.getAsLong();
        }
        Message current = editable(conversationId, editorId, messageId);
        if (body.isEmpty() && current.attachments().isEmpty()) {
            throw ApiProblem.badRequest("body must not be blank unless the message carries attachments");
        }
        if (current.body().equals(body)) {
            status.setRollbackOnly(); // nothing changes: give the number back
            return new Done(current);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UUID> mentioned = mentions.resolve(conversationId, body);
        store.apply(current, body, mentioned, now, seq);
        changes.record(new MessageEdited(conversationId, seq, messageId, current.seq(), body, editorId, now, mentioned));
        return new Done(current.edited(body, now, mentioned));
    }

    /** @throws ApiProblem 404 (no such message here), 403 (not the author), 409 (deleted) */
    private Message editable(UUID conversationId, UUID editorId, UUID messageId) {
        Message current = store.find(messageId, conversationId).orElseThrow(() -> notFound(messageId));
        if (!current.senderId().equals(editorId)) {
            throw ApiProblem.forbidden("only the author can edit a message");
        }
        if (current.deletedAt() != null) {
            throw ApiProblem.conflict("message " + messageId + " was deleted");
        }
        return current;
    }

    /**
     * A refused edit that asks for the body the message has already (the repeat of an edit that succeeded before
     * the mute or the archive) gets the message; any other gets the refusal.
     */
    private Attempt repeatOrRefuse(UUID conversationId, UUID editorId, UUID messageId, String body,
                                   PostingRefusal refusal) {
        return store.find(messageId, conversationId)
                .filter(m -> m.senderId().equals(editorId) && m.deletedAt() == null && m.body().equals(body))
                .<Attempt>map(Done::new)
                .orElseThrow(refusal::problem);
    }

    static ApiProblem notFound(UUID messageId) {
        return ApiProblem.notFound("message " + messageId + " not found");
    }
}
