package dev.chat.message.receipt;

import dev.chat.events.ReadCursorMoved;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.message.membership.Membership;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivered and read cursors, and the unread state derived from them. A cursor only moves forward, and each move
 * is published as {@link ReadCursorMoved} on {@code chat.receipts.v1} through the outbox, in the transaction that
 * moved it (a READ move also stands for the delivered cursor up to the same seq). "Mark unread" is the member's own view: it never moves a cursor back and publishes nothing.
 */
@Service
class Receipts {

    /** Unread counts stop here: the client shows "99+". */
    static final int UNREAD_CAP = 100;
    static final String DELIVERED = "DELIVERED";
    static final String READ = "READ";

    /** One member's cursors, for "read by" and ticks. */
    record Cursors(UUID userId, long deliveredSeq, long readSeq) {
    }

    private final ReceiptStore store;
    private final Membership membership;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    Receipts(ReceiptStore store, Membership membership, OutboxWriter outbox, TransactionTemplate tx) {
        this.store = store;
        this.membership = membership;
        this.outbox = outbox;
        this.tx = tx;
    }

    /**
     * Moves the caller's cursors forward to the given seqs (a read implies delivered; lower values change
     * nothing: another device may be ahead).
     *
     * @throws ApiProblem 400 when a seq is past the conversation's last change; 404 when the caller is no member
     */
    UnreadState move(UUID conversationId, Caller caller, long delivered, long read) {
        UUID userId = caller.userId();
        ReceiptStore.Moved moved = tx.execute(status -> moveAndPublish(conversationId, userId, delivered, read, false));
        if (moved.lastSeq() == null) {
            // not in the projection yet (or no member): conversation-service decides, outside any transaction
            membership.confirmWithConversationService(conversationId, caller);
            moved = tx.execute(status -> moveAndPublish(conversationId, userId, delivered, read, true));
        }
        long last = moved.lastSeq() == null ? 0 : moved.lastSeq();
        if (Math.max(delivered, read) > last) {
            throw ApiProblem.badRequest("the seq is past the conversation's last change (" + last + ")");
        }
        return state(conversationId, caller);
    }

    private ReceiptStore.Moved moveAndPublish(UUID conversationId, UUID userId, long delivered, long read,
                                              boolean confirmed) {
        ReceiptStore.Moved moved = store.move(conversationId, userId, delivered, read, confirmed);
        Instant now = Instant.now();
        // A READ move says "delivered" up to it too: DELIVERED is published only for a delivered cursor past the read
        // one, so reading to the end (the usual move) costs one event, not two.
        if (moved.read() > moved.readBefore()) {
            outbox.append(new ReadCursorMoved(conversationId, userId, READ, moved.read(), now));
        }
        if (moved.delivered() > moved.deliveredBefore() && moved.delivered() > moved.read()) {
            outbox.append(new ReadCursorMoved(conversationId, userId, DELIVERED, moved.delivered(), now));
        }
        return moved;
    }

    /**
     * Marks the conversation unread from the given message (the caller's own view only).
     *
     * @throws ApiProblem 404 when the caller is no member or the message is not one of the conversation
     */
    UnreadState markUnread(UUID conversationId, Caller caller, UUID messageId) {
        membership.require(conversationId, caller);
        long seq = store.seqOf(conversationId, messageId)
                .orElseThrow(() -> ApiProblem.notFound("message " + messageId + " not found"));
        store.markUnread(conversationId, caller.userId(), seq);
        return state(conversationId, caller);
    }

    /** The caller's unread state in the conversation; 404 when the caller is no member. */
    UnreadState state(UUID conversationId, Caller caller) {
        return store.unreadOf(conversationId, caller.userId()).orElseGet(() -> {
            membership.require(conversationId, caller); // the projection lags: a member with nothing yet
            return new UnreadState(conversationId, 0, 0, null, 0, null, 0);
        });
    }

    List<UnreadState> unread(UUID userId, int limit) {
        return store.unread(userId, limit);
    }

    List<Cursors> cursors(UUID conversationId, Caller caller, int limit) {
        membership.require(conversationId, caller);
        return store.cursors(conversationId, limit);
    }
}
