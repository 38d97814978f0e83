package dev.chat.notification.membership;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.InvitationClosed;
import dev.chat.events.MemberBanned;
import dev.chat.events.MemberInvited;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberMuted;
import dev.chat.events.MemberPreferencesChanged;
import dev.chat.events.MemberRoleChanged;
import dev.chat.events.MemberUnbanned;
import dev.chat.events.MemberUnmuted;
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
 * {@link ConsumedEvents} marker in one transaction (a redelivery is a no-op). A membership change writes,
 * in that transaction, the Redis {@link ConversationIndex} and the conversation's members_version, which
 * tells every pod's {@link Members} cache that its list is stale. A failure (database away) is retried by
 * the container, in order, without skipping.
 *
 * <p>Each applied event is announced as a {@link ConversationChanged}, which the fan-out pushes once the
 * transaction committed (a redelivery announces nothing). The events that change no membership (details,
 * mutes, bans, invitations, a member's own settings) only mark the event consumed and announce it; this is
 * where their recipients are decided: the members, or exactly the users concerned.
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
        Runnable effect = switch (event.payload()) {
            case ConversationCreated c -> () -> created(c);
            case MemberJoined j -> () -> joined(j);
            case MemberLeft l -> () -> left(l);
            case MemberRoleChanged r -> () -> roleChanged(r);
            case OwnershipTransferred o -> () -> ownershipTransferred(o);
            case ConversationDeleted d -> () -> deleted(d);
            // No membership change: announced only.
            case ConversationUpdated u -> () -> announce(toMembers(u.conversationId(), "updated", u.updatedBy()));
            case MemberMuted m -> () -> announce(toMembers(m.conversationId(), "member_muted", m.userId()));
            case MemberUnmuted u -> () -> announce(toMembers(u.conversationId(), "member_unmuted", u.userId()));
            // A banned member also left (MemberLeft BANNED, before this): the members were told member_left.
            case MemberBanned b -> () -> announce(toUser(b.conversationId(), "member_banned", b.userId()));
            case MemberUnbanned u -> () -> announce(toUser(u.conversationId(), "member_unbanned", u.userId()));
            case MemberInvited i -> () -> announce(toUser(i.conversationId(), "invited", i.userId()));
            case InvitationClosed c -> () -> announce(toUser(c.conversationId(), "invitation_closed", c.userId()));
            case MemberPreferencesChanged p ->
                    () -> announce(toUser(p.conversationId(), "preferences_changed", p.userId()));
            default -> null; // not a conversation event this projection follows
        };
        if (effect == null) {
            return;
        }
        tx.executeWithoutResult(status -> {
            if (consumed.firstDelivery(CONSUMER, event.eventId())) {
                effect.run();
            }
        });
    }

    private void created(ConversationCreated c) {
        changeMembers(c.conversationId(), () -> {
            repository.createConversation(c.conversationId(), c.type(), c.createdAt());
            for (UUID member : c.memberIds()) {
                // As conversation-service assigns them: nobody owns a DM.
                String role = member.equals(c.createdBy()) && !ConversationCreated.DIRECT.equals(c.type())
                        ? "OWNER" : "MEMBER";
                repository.addMember(c.conversationId(), member, role, c.createdAt());
            }
            index.joined(c.conversationId(), c.memberIds());
            announce(toMembers(c.conversationId(), "created", null));
        });
    }

    private void joined(MemberJoined j) {
        changeMembers(j.conversationId(), () -> {
            boolean joined = repository.addMember(j.conversationId(), j.userId(), j.role(), j.joinedAt());
            index.joined(j.conversationId(), List.of(j.userId()));
            if (joined) { // not for the members a ConversationCreated listed (pushed as "created")
                announce(toMembers(j.conversationId(), "member_joined", j.userId()));
            }
        });
    }

    private void left(MemberLeft l) {
        changeMembers(l.conversationId(), () -> {
            boolean left = repository.removeMember(l.conversationId(), l.userId());
            index.left(l.conversationId(), l.userId());
            if (left) {
                announce(ConversationChanged.toMembers(l.conversationId(), "member_left", l.userId(),
                        List.of(l.userId())));
            }
        });
    }

    private void roleChanged(MemberRoleChanged r) {
        changeMembers(r.conversationId(), () -> {
            if (repository.setRole(r.conversationId(), r.userId(), r.role())) {
                announce(toMembers(r.conversationId(), "role_changed", r.userId()));
            }
        });
    }

    private void ownershipTransferred(OwnershipTransferred o) {
        changeMembers(o.conversationId(), () -> {
            repository.setRole(o.conversationId(), o.fromUserId(), "ADMIN");
            if (repository.setRole(o.conversationId(), o.toUserId(), "OWNER")) {
                announce(toMembers(o.conversationId(), "ownership_transferred", o.toUserId()));
            }
        });
    }

    private void deleted(ConversationDeleted d) {
        changeMembers(d.conversationId(), () -> {
            List<UUID> former = repository.removeAllMembers(d.conversationId());
            former.forEach(user -> index.left(d.conversationId(), user));
            announce(ConversationChanged.toMembers(d.conversationId(), "deleted", null, former));
        });
    }

    /**
     * Runs a membership change inside the event's transaction: after the shared index lock (which orders its
     * index writes against a rebuild chunk, see {@link IndexRebuild}), and followed by the members_version bump.
     */
    private void changeMembers(UUID conversationId, Runnable change) {
        repository.lockIndexShared();
        change.run();
        repository.membersChanged(conversationId);
    }

    private static ConversationChanged toMembers(UUID conversationId, String change, UUID userId) {
        return ConversationChanged.toMembers(conversationId, change, userId, List.of());
    }

    /** To that user alone (all their sockets), member or not; userId is that user. */
    private static ConversationChanged toUser(UUID conversationId, String change, UUID user) {
        return ConversationChanged.toUsers(conversationId, change, user, List.of(user));
    }

    /** Delivered to @TransactionalEventListener(AFTER_COMMIT) listeners: nothing is told of a rollback. */
    private void announce(ConversationChanged change) {
        announcements.publishEvent(change);
    }
}
