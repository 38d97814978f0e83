package dev.chat.message.membership;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberMuted;
import dev.chat.events.MemberRoleChanged;
import dev.chat.events.MemberUnmuted;
import dev.chat.events.OwnershipTransferred;
import dev.chat.events.Topics;
import dev.chat.events.inbox.ConsumedEvents;
import dev.chat.events.kafka.ReadableRecords;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the members (with roles and mutes) and conversations (read-only, archived) tables in step with
 * conversation-service (chat.conversations.v1): what a send needs to decide who may post, locally. Events of
 * one conversation share a key, so they apply in the order they happened; each effect commits with its
 * dedupe marker, so a redelivery changes nothing, and each effect sets values rather than adding to them.
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
                members.createConversation(c.conversationId(), c.type(), c.readOnly());
                members.addAll(c.conversationId(), c.memberIds() == null ? List.of() : c.memberIds());
                members.startSequence(c.conversationId());
            };
            case ConversationUpdated u -> () -> members.updateConversation(u.conversationId(), u.readOnly(),
                    u.archived());
            case MemberJoined j -> () -> members.join(j.conversationId(), j.userId(),
                    ConversationRole.fromEvent(j.role()), j.joinedAt());
            case MemberRoleChanged r -> () -> members.changeRole(r.conversationId(), r.userId(),
                    ConversationRole.fromEvent(r.role()));
            case OwnershipTransferred o -> () -> members.transferOwnership(o.conversationId(), o.fromUserId(),
                    o.toUserId());
            case MemberMuted m -> () -> members.mute(m.conversationId(), m.userId(), m.expiresAt());
            case MemberUnmuted u -> () -> members.unmute(u.conversationId(), u.userId());
            case MemberLeft l -> () -> members.remove(l.conversationId(), l.userId());
            case ConversationDeleted d -> () -> members.removeConversation(d.conversationId());
            default -> null; // bans (a banned member also gets MemberLeft), invitations, preferences: not needed here
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
