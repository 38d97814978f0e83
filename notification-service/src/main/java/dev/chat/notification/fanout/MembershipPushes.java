package dev.chat.notification.fanout;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.events.socket.ServerFrames;
import dev.chat.notification.membership.Members;
import dev.chat.notification.membership.MembershipChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the sockets of a conversation's members that its membership changed ({@code conversation.changed}),
 * so their lists and member panels follow at once: a new DM or group shows up before its first message, a
 * removed member's client drops it. These pushes are hints, at most once like every push: a client also
 * refreshes its list after each reconnect, and the authority is conversation-service's REST API. A failure
 * here is logged and counted, never retried, and never undoes the projection it follows.
 */
@Component
class MembershipPushes {

    private static final Logger log = LoggerFactory.getLogger(MembershipPushes.class);

    private final Members members;
    private final FanoutRedis redis;
    private final Counter pushed;
    private final Counter failed;

    MembershipPushes(Members members, FanoutRedis redis, MeterRegistry meters) {
        this.members = members;
        this.redis = redis;
        this.pushed = Counter.builder("chat.notification.membership.pushes")
                .description("conversation.changed batches published to presence nodes").register(meters);
        this.failed = Counter.builder("chat.notification.membership.pushes.failed")
                .description("Membership changes whose push could not be published (hints: not retried)")
                .register(meters);
    }

    @TransactionalEventListener
    void on(MembershipChanged change) {
        try {
            pushed.increment(push(change));
        } catch (RuntimeException e) {
            failed.increment();
            log.warn("could not push {} of conversation {}: {}", change.change(), change.conversationId(),
                    e.toString());
        }
    }

    private int push(MembershipChanged change) {
        List<UUID> now = members.of(change.conversationId()); // null once the conversation is gone
        Set<UUID> recipients = new LinkedHashSet<>(now == null ? List.of() : now);
        recipients.addAll(change.alsoNotify());
        if (recipients.isEmpty()) {
            return 0;
        }
        FanoutRedis.Lookup lookup = redis.lookup(List.of(change.conversationId()), recipients, true);
        Map<String, List<UUID>> byNode =
                Fanout.recipientsByNode(recipients, lookup.nodesOf(), lookup.nodes().live()::contains);
        String frame = ServerFrames.escaped(
                ServerFrames.conversationChanged(change.conversationId(), change.change(), change.userId()));
        List<Map.Entry<String, String>> batches = new ArrayList<>(byNode.size());
        byNode.forEach((node, users) -> batches.add(Map.entry(RealtimeKeys.channel(node),
                ServerFrames.batch(change.conversationId(), users, frame))));
        return redis.publishAndAdvance(batches, Map.of());
    }
}
