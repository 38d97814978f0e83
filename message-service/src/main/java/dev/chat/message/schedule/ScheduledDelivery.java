package dev.chat.message.schedule;

import dev.chat.message.send.DeferredSend;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the due scheduled messages, exactly once, from any number of pods: every
 * {@code chat.message.schedule.poll-interval} it takes up to {@code chat.message.schedule.batch-size} of them, each
 * in one transaction that
 * <ol>
 *   <li>claims the earliest due PENDING row nobody else holds ({@code for update skip locked}): another pod skips it
 *       and takes the next one;</li>
 *   <li>sends it through the send path ({@link DeferredSend}: the posting rules as they are now, the conversation's
 *       next seq, the message with its change row, MessageCreated in the outbox, hence the same push) with
 *       clientMessageId {@code scheduled:<id>}, so not even a replay makes a second message;</li>
 *   <li>marks the row SENT with the message's id and seq, or FAILED with the reason when the sender may no longer
 *       post there (no message);</li>
 *   <li>commits: the message and the SENT mark exist together or not at all. A pod that dies before the commit
 *       leaves the row PENDING and unlocked, and the next poll of any pod sends it.</li>
 * </ol>
 * One transaction per row rather than per batch: a send locks its conversation's seq row, and a batch would hold
 * several conversations' until its end (stalling their sends, and deadlocking with another pod's batch that takes them
 * in another order). No {@code ConversationGate}: this one thread holds one connection at a time.
 */
@Component
class ScheduledDelivery {

    private static final Logger log = LoggerFactory.getLogger(ScheduledDelivery.class);

    private final ScheduleStore store;
    private final DeferredSend sends;
    private final TransactionTemplate tx;
    private final int batchSize;

    ScheduledDelivery(ScheduleStore store, DeferredSend sends, TransactionTemplate tx,
                      @Value("${chat.message.schedule.batch-size}") int batchSize) {
        this.store = store;
        this.sends = sends;
        this.tx = tx;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${chat.message.schedule.poll-interval}",
            initialDelayString = "${chat.message.schedule.poll-interval}")
    void deliverOnSchedule() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("scheduled messages not sent (retried at the next tick): {}", e.toString());
        }
    }

    /** @return how many due messages this call settled (sent or failed) */
    int deliverDue() {
        List<UUID> failedThisTick = new ArrayList<>();
        int settled = 0;
        while (settled + failedThisTick.size() < batchSize) {
            Optional<UUID> claimed;
            try {
                claimed = tx.execute(status -> deliverOne(failedThisTick));
            } catch (ClaimedButNotSent e) {
                // rolled back, the row PENDING again: the others go on, it is retried at the next tick
                log.warn("scheduled message {} not sent (retried at the next tick)", e.id, e.getCause());
                failedThisTick.add(e.id);
                continue;
            }
            if (claimed == null || claimed.isEmpty()) {
                break;
            }
            settled++;
        }
        return settled;
    }

    private Optional<UUID> deliverOne(List<UUID> skip) {
        Optional<ScheduledMessage> due = store.claimDue(skip);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        ScheduledMessage m = due.get();
        try {
            DeferredSend.Result result = sends.send(m.conversationId(), m.senderId(), "scheduled:" + m.id(), m.body(),
                    m.replyToId());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            switch (result) {
                case DeferredSend.Sent sent -> store.markSent(m.id(), sent.message().id(), sent.message().seq(), now);
                case DeferredSend.Refused refused -> store.markFailed(m.id(), refused.reason(), now);
            }
        } catch (RuntimeException e) {
            throw new ClaimedButNotSent(m.id(), e);
        }
        return Optional.of(m.id());
    }

    /** A claimed row whose send threw: its transaction rolls back. */
    private static final class ClaimedButNotSent extends RuntimeException {

        private final UUID id;

        ClaimedButNotSent(UUID id, RuntimeException cause) {
            super(cause);
            this.id = id;
        }
    }
}
