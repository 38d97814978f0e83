package dev.chat.message.send;

import dev.chat.web.problem.ApiProblem;
import dev.chat.events.MessageCreated;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.message.Message;
import dev.chat.message.membership.Membership;
import dev.chat.message.web.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a message and its MessageCreated event in one transaction:
 * <ol>
 *   <li>take the conversation's next seq, which also checks membership against the projection and locks the
 *       conversation's seq row until commit: one conversation's sends commit one after another, so their
 *       outbox rows (and Kafka records) follow seq order;</li>
 *   <li>validate replyToId (only when given);</li>
 *   <li>insert the message unless (conversation, sender, clientMessageId) exists: then this is a retry, the
 *       transaction rolls back (no seq used) and the first attempt's message is returned;</li>
 *   <li>append MessageCreated to the outbox; commit.</li>
 * </ol>
 * Three statements and a commit in the common case. When the projection does not list the sender, the
 * transaction ends without writing, conversation-service is asked outside any transaction (no connection
 * held across the network), and the send runs again without the projection check. The
 * {@link ConversationGate} keeps a burst into one conversation from taking the whole connection pool.
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
    private final Membership membership;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final ConversationGate gate;

    MessageSender(MessageStore store, Membership membership, OutboxWriter outbox, TransactionTemplate tx,
                  ConversationGate gate) {
        this.store = store;
        this.membership = membership;
        this.outbox = outbox;
        this.tx = tx;
        this.gate = gate;
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
        return new Outcome(stored.message(), stored.created());
    }

    private Attempt attempt(TransactionStatus status, UUID conversationId, UUID senderId, SendMessageRequest request,
                            boolean checkProjection) {
        long seq;
        if (checkProjection) {
            OptionalLong next = store.nextSeqIfMember(conversationId, senderId);
            if (next.isEmpty()) {
                return new NotListedAsMember();
            }
            seq = next.getAsLong();
        } else {
            seq = store.nextSeq(conversationId);
        }
        if (request.replyToId() != null && !store.existsInConversation(request.replyToId(), conversationId)) {
            throw ApiProblem.badRequest("replyToId does not name a message of this conversation");
        }
        Message message = new Message(MessageIds.next(), conversationId, seq, senderId, request.clientMessageId(),
                request.body(), request.replyToId(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (!store.insertIfNew(message)) {
            // A retry: give back the seq we took (rollback) and answer with the first attempt's message.
            status.setRollbackOnly();
            return new Stored(store.findByClientMessageId(conversationId, senderId, request.clientMessageId())
                    .orElseThrow(), false);
        }
        outbox.append(new MessageCreated(message.id(), conversationId, seq, senderId, message.clientMessageId(),
                message.body(), message.replyToId(), message.createdAt()));
        return new Stored(message, true);
    }

    private static boolean sameContent(Message stored, SendMessageRequest request) {
        return stored.body().equals(request.body()) && Objects.equals(stored.replyToId(), request.replyToId());
    }
}
