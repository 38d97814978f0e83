package dev.chat.notification.membership;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.Topics;
import dev.chat.events.inbox.ConsumedEvents;
import dev.chat.events.kafka.ReadableRecords;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the membership projection from {@code chat.conversations.v1}. Each event is applied with its
 * {@link ConsumedEvents} marker in one transaction (a redelivery is a no-op), together with the Redis
 * {@link ConversationIndex} and the conversation's members_version, which tells every pod's
 * {@link Members} cache that its list is stale. A failure (database away) is retried by the container,
 * in order, without skipping.
 */
@Component
class MembershipProjection {

    static final String CONSUMER = "notification-service.membership";

    private final MembershipRepository repository;
    private final ConsumedEvents consumed;
    private final TransactionTemplate tx;
    private final ConversationIndex index;

    MembershipProjection(MembershipRepository repository, ConsumedEvents consumed, TransactionTemplate tx,
                         ConversationIndex index) {
        this.repository = repository;
        this.consumed = consumed;
        this.tx = tx;
        this.index = index;
    }

    @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = Topics.CONVERSATIONS)
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<ChatEvent> event = ReadableRecords.event(record).orElse(null);
        if (event == null) {
            return;
        }
        UUID conversationId = switch (event.payload()) {
            case ConversationCreated c -> c.conversationId();
            case MemberJoined j -> j.conversationId();
            case MemberLeft l -> l.conversationId();
            default -> null; // other conversation events do not change membership
        };
        if (conversationId == null) {
            return;
        }
        tx.executeWithoutResult(status -> {
            if (!consumed.firstDelivery(CONSUMER, event.eventId())) {
                return;
            }
            repository.lockIndexShared(); // orders this index write against a rebuild chunk (IndexRebuild)
            switch (event.payload()) {
                case ConversationCreated c -> {
                    repository.createConversation(c.conversationId(), c.type(), c.createdAt());
                    for (UUID member : c.memberIds()) {
                        String role = member.equals(c.createdBy()) ? "OWNER" : "MEMBER";
                        repository.addMember(c.conversationId(), member, role, c.createdAt());
                    }
                    index.joined(c.conversationId(), c.memberIds());
                }
                case MemberJoined j -> {
                    repository.addMember(j.conversationId(), j.userId(), j.role(), j.joinedAt());
                    index.joined(j.conversationId(), List.of(j.userId()));
                }
                case MemberLeft l -> {
                    repository.removeMember(l.conversationId(), l.userId());
                    index.left(l.conversationId(), l.userId());
                }
                default -> throw new IllegalStateException("unreachable");
            }
            repository.membersChanged(conversationId);
        });
    }
}
