package dev.chat.conversation.users;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.events.Topics;
import dev.chat.events.UserRegistered;
import dev.chat.events.inbox.ConsumedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps the users table in step with auth-service's chat.users.v1. */
@Component
class UserProjection {

    static final String CONSUMER = "conversation-service.users";
    private static final Logger log = LoggerFactory.getLogger(UserProjection.class);

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
        EventEnvelope<ChatEvent> event;
        try {
            event = EventJson.read(record.value());
        } catch (RuntimeException poison) {
            // Never block the partition on a record we cannot read (malformed, or a newer type).
            log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    poison.toString());
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
