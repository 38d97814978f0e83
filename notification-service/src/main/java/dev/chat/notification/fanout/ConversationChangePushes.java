package dev.chat.notification.fanout;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.events.socket.ServerFrames;
import dev.chat.notification.membership.ConversationChanged;
import dev.chat.notification.membership.ConversationChanged.AllMembers;
import dev.chat.notification.membership.ConversationChanged.OnlyUsers;
import dev.chat.notification.membership.Members;
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
 * Pushes each {@link ConversationChanged} the projection announced as a {@code conversation.changed} frame to the
 * sockets of its recipients, once the projection's transaction committed, so lists, member panels and composers
 * follow at once: a new DM or group shows up before its first message, a removed member's client drops it, an
 * invitee sees the invitation. The recipients are the projection's decision; here they are only resolved (the
 * members as committed, plus whoever else it named) and grouped by presence node.
 *
 * <p>A recipient who is not a member (the one who left, an invitee, a banned user) gets a batch that does not name
 * the conversation: the node then writes the frame without noting the conversation as active on their sockets, so
 * they are not sent periodic positions of a conversation they are not in (presence-service sends those without a
 * membership check, trusting that a push of a conversation reached only its members).
 *
 * <p>These pushes are hints, at most once like every push: a client also refreshes its list after each reconnect,
 * and the authority is conversation-service's REST API. A failure here is logged and counted, never retried, and
 * never undoes the projection it follows.
 */
@Component
class ConversationChangePushes {

    private static final Logger log = LoggerFactory.getLogger(ConversationChangePushes.class);

    private final Members members;
    private final FanoutRedis redis;
    private final Counter pushed;
    private final Counter failed;

    ConversationChangePushes(Members members, FanoutRedis redis, MeterRegistry meters) {
        this.members = members;
        this.redis = redis;
        this.pushed = Counter.builder("chat.notification.changes.pushes")
                .description("conversation.changed batches published to presence nodes").register(meters);
        this.failed = Counter.builder("chat.notification.changes.pushes.failed")
                .description("Conversation changes whose push could not be published (hints: not retried)")
                .register(meters);
    }

    @TransactionalEventListener
    void on(ConversationChanged change) {
        try {
            pushed.increment(push(change));
        } catch (RuntimeException e) {
            failed.increment();
            log.warn("could not push {} of conversation {}: {}", change.change(), change.conversationId(),
                    e.toString());
        }
    }

    private int push(ConversationChanged change) {
        List<UUID> current = members.of(change.conversationId()); // null when the projection does not know it
        Set<UUID> memberSet = current == null ? Set.of() : Set.copyOf(current);
        Set<UUID> recipients = new LinkedHashSet<>();
        switch (change.recipients()) {
            case AllMembers all -> {
                recipients.addAll(current == null ? List.of() : current);
                recipients.addAll(all.alsoNotify());
            }
            case OnlyUsers only -> recipients.addAll(only.users());
        }
        if (recipients.isEmpty()) {
            return 0;
        }
        FanoutRedis.Lookup lookup = redis.lookup(List.of(change.conversationId()), recipients, true);
        Map<String, List<UUID>> byNode =
                Fanout.recipientsByNode(recipients, lookup.nodesOf(), lookup.nodes().live()::contains);
        String frame = ServerFrames.escaped(
                ServerFrames.conversationChanged(change.conversationId(), change.change(), change.userId()));
        List<Map.Entry<String, String>> batches = new ArrayList<>(byNode.size());
        byNode.forEach((node, users) -> {
            List<UUID> inIt = users.stream().filter(memberSet::contains).toList();
            List<UUID> notInIt = users.stream().filter(u -> !memberSet.contains(u)).toList();
            String channel = RealtimeKeys.channel(node);
            if (!inIt.isEmpty()) {
                batches.add(Map.entry(channel, ServerFrames.batch(change.conversationId(), inIt, frame)));
            }
            if (!notInIt.isEmpty()) {
                batches.add(Map.entry(channel, unnamedBatch(change.conversationId(), notInIt, frame)));
            }
        });
        return redis.publishAndAdvance(batches, Map.of());
    }

    /**
     * A batch as {@link ServerFrames#batch} writes it, without its {@code conversationId}: presence-service reads it
     * as a batch of no conversation (NodeChannelListener), delivers the frame and notes nothing as active.
     */
    static String unnamedBatch(List<UUID> recipients, String escapedFrame) {
        return unnamed(null, recipients, escapedFrame);
    }

    /**
     * An unnamed batch that also carries {@code "forget":"<conversationId>"}: the node drops the conversation from
     * the recipients' recently active ones, so the socket of a removed member stops getting its positions.
     */
    static String unnamedBatch(UUID forget, List<UUID> recipients, String escapedFrame) {
        return unnamed(forget, recipients, escapedFrame);
    }

    private static String unnamed(UUID forget, List<UUID> recipients, String escapedFrame) {
        StringBuilder out = new StringBuilder(escapedFrame.length() + 40 * recipients.size() + 80);
        out.append('{');
        if (forget != null) {
            out.append("\"forget\":\"").append(forget).append("\",");
        }
        out.append("\"recipients\":[");
        for (int i = 0; i < recipients.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(recipients.get(i)).append('"');
        }
        return out.append("],\"frame\":\"").append(escapedFrame).append("\"}").toString();
    }
}
