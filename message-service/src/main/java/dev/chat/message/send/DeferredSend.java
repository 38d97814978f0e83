package dev.chat.message.send;

import dev.chat.message.Message;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The send path for a message the service sends on a sender's behalf later (a scheduled message): the same posting
 * rules, change number, change row, MessageCreated event and push as {@code POST .../messages}, inside the caller's
 * transaction, so the caller commits the message and its own record of it together. A refusal writes nothing and
 * says why. The idempotency key is the caller's: the same clientMessageId never makes a second message.
 */
@Component
public class DeferredSend {

    /** What the send did. */
    public sealed interface Result {
    }

    /** @param created false when the clientMessageId had been sent before (nothing written this time) */
    public record Sent(Message message, boolean created) implements Result {
    }

    /** @param reason why the sender may not post now, for people to read */
    public record Refused(String reason) implements Result {
    }

    private final MessageSender sender;

    DeferredSend(MessageSender sender) {
        this.sender = sender;
    }

    /**
     * Sends now, as {@code senderId}, in the caller's transaction (required: it holds what makes this send happen
     * once). No remote call: a sender the membership projection does not list is refused.
     *
     * @param clientMessageId the idempotency key; it needs not match what clients may use (a prefix with a colon
     *                        keeps the service's keys apart from theirs)
     */
    public Result send(UUID conversationId, UUID senderId, String clientMessageId, String body,
                       @Nullable UUID replyToId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("DeferredSend.send must run inside the caller's transaction");
        }
        return sender.sendInTransaction(conversationId, senderId,
                new SendMessageRequest(clientMessageId, body, replyToId));
    }
}
