package dev.chat.notification.membership;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberRoleChanged;
import dev.chat.events.OwnershipTransferred;
import dev.chat.events.Topics;
import dev.chat.events.inbox.ConsumedEvents;
import dev.chat.events.kafka.ReadableRecords;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the membership projection from {@code chat.conversations.v1}. Each event is applied with its
 * {@link ConsumedEvents} marker in one transaction (a redelivery is a no-op), together with the Redis
 * {@link ConversationIndex} and the conversation's members_version, which tells every pod's
 * {@link Members} cache that its list is stale. A failure (database away) is retried by the container,
 * in order, without skipping. Each applied change is announced as a {@link MembershipChanged}, which the
 * fan-out pushes to the members' sockets once the transaction committed (a redelivery announces nothing).
 */
@Component
class MembershipProjection {

    static final String CONSUMER = "notification-service.membership";

    private final MembershipRepository repository;
    private final ConsumedEvents consumed;
    private final TransactionTemplate tx;
    private final ConversationIndex index;
    private final ApplicationEventPublisher announcements;

    MembershipProjection(MembershipRepository repository, ConsumedEvents consumed, TransactionTemplate tx,
                         ConversationIndex index, ApplicationEventPublisher announcements) {
        this.repository = repository;
        this.consumed = consumed;
        this.tx = tx;
        this.index = index;
        this.announcements = announcements;
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
            case MemberRoleChanged r -> r.conversationId();
            case OwnershipTransferred o -> o.conversationId();
            case ConversationDeleted d -> d.conversationId();
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
                        // As conversation-service assigns them: nobody owns a DM.
                        String role = member.equals(c.createdBy()) && !ConversationCreated.DIRECT.equals(c.type())
                                ? "OWNER" : "MEMBER";
                        repository.addMember(c.conversationId(), member, role, c.createdAt());
                    }
                    index.joined(c.conversationId(), c.memberIds());
                    announce(c.conversationId(), "created", null, List.of());
                }
                case MemberJoined j -> {
                    boolean joined = repository.addMember(j.conversationId(), j.userId(), j.role(), j.joinedAt());
                    index.joined(j.conversationId(), List.of(j.userId()));
                    if (joined) { // not for the members a ConversationCreated listed (pushed as "created")
                        announce(j.conversationId(), "member_joined", j.userId(), List.of());
                    }
                }
                case MemberLeft l -> {
                    boolean left = repository.removeMember(l.conversationId(), l.userId());
                    index.left(l.conversationId(), l.userId());
                    if (left) {
                        announce(l.conversationId(), "member_left", l.userId(), List.of(l.userId()));
                    }
                }
                case MemberRoleChanged r -> {
                    if (repository.setRole(r.conversationId(), r.userId(), r.role())) {
                        announce(r.conversationId(), "role_changed", r.userId(), List.of());
                    }
                }
                case OwnershipTransferred o -> {
                    repository.setRole(o.conversationId(), o.fromUserId(), "ADMIN");
                    if (repository.setRole(o.conversationId(), o.toUserId(), "OWNER")) {
                        announce(o.conversationId(), "ownership_transferred", o.toUserId(), List.of());
                    }
                }
                case ConversationDeleted d -> {
                    List<UUID> former = repository.removeAllMembers(d.conversationId());
                    former.forEach(user -> index.left(d.conversationId(), user));
                    announce(d.conversationId(), "deleted", null, former);
                }
                default -> throw new IllegalStateException("unreachable");
            }
            repository.membersChanged(conversationId);
        });
    }

    /** Delivered to @TransactionalEventListener(AFTER_COMMIT) listeners: nothing is told of a rollback. */
    private void announce(UUID conversationId, String change, UUID userId, List<UUID> alsoNotify) {
        announcements.publishEvent(new MembershipChanged(conversationId, change, userId, alsoNotify));
    }
}
