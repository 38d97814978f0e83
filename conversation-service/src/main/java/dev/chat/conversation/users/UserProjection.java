package dev.chat.conversation.users;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.Topics;
import dev.chat.events.UserRegistered;
import dev.chat.events.inbox.ConsumedEvents;
import dev.chat.events.kafka.ReadableRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps the users table in step with auth-service's chat.users.v1. */
@Component
class UserProjection {

    static final String CONSUMER = "conversation-service.users";

    private final UserRepository users;
    private final ConsumedEvents consumed;
    private final TransactionTemplate tx;

    UserProjection(UserRepository users, ConsumedEvents consumed, TransactionTemplate tx) {
        this.users = users;
        this.consumed = consumed;
        this.tx = tx;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<ChatEvent> event = ReadableRecords.event(record).orElse(null);
        if (event == null) {
            return;
        }
        if (event.payload() instanceof UserRegistered user) {
            tx.executeWithoutResult(status -> {
                if (consumed.firstDelivery(CONSUMER, event.eventId())) {
                    users.upsert(user);
                }
            });
        }
    }
}
