package dev.chat.message.membership;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.Topics;
import dev.chat.events.inbox.ConsumedEvents;
import dev.chat.events.kafka.ReadableRecords;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the members table in step with conversation-service (chat.conversations.v1). Events of one
 * conversation share a key, so joins and leaves apply in the order they happened; each effect commits
 * with its dedupe marker, so a redelivery changes nothing.
 */
@Component
class MembershipProjection {

    static final String CONSUMER = "message-service.membership";

    private final MembershipRepository members;
    private final ConsumedEvents consumed;
    private final TransactionTemplate tx;

    MembershipProjection(MembershipRepository members, ConsumedEvents consumed, TransactionTemplate tx) {
        this.members = members;
        this.consumed = consumed;
        this.tx = tx;
    }

    @KafkaListener(topics = Topics.CONVERSATIONS, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<ChatEvent> event = ReadableRecords.event(record).orElse(null);
        if (event == null) {
            return;
        }
        Runnable effect = switch (event.payload()) {
            case ConversationCreated c -> () -> {
                members.addAll(c.conversationId(), c.memberIds() == null ? List.of() : c.memberIds());
                members.startSequence(c.conversationId());
            };
            case MemberJoined j -> () -> members.addAll(j.conversationId(), List.of(j.userId()));
            case MemberLeft l -> () -> members.remove(l.conversationId(), l.userId());
            case ConversationDeleted d -> () -> members.removeAll(d.conversationId());
            default -> null; // roles are not projected yet (moderation in message-service comes later)
        };
        if (effect != null) {
            tx.executeWithoutResult(status -> {
                if (consumed.firstDelivery(CONSUMER, event.eventId())) {
                    effect.run();
                }
            });
        }
    }
}
