package dev.chat.notification.fanout;

import dev.chat.events.ChatEvent;
import dev.chat.events.DraftChanged;
import dev.chat.events.EventEnvelope;
import dev.chat.events.Topics;
import dev.chat.events.inbox.ConsumedEvents;
import dev.chat.events.kafka.ReadableRecords;
import dev.chat.events.socket.RealtimeKeys;
import dev.chat.events.socket.ServerFrames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pushes each {@code chat.drafts.v1} DraftChanged as a {@code draft.changed} frame to every socket of that one user
 * (all their devices, the one that saved included: it ignores a version it has). The frame carries no text, and its
 * batch names no conversation, so the node notes nothing as active (a draft is no change of the conversation's
 * stream). The push happens inside the transaction of the event's dedupe marker: a failed publish rolls the marker
 * back and the container redelivers the event, in order; a redelivered event that was pushed is skipped. One user's
 * events share a key, so their versions arrive in order.
 */
@Component
class DraftPushes {

    static final String CONSUMER = "notification-service.drafts";

    private final FanoutRedis redis;
    private final ConsumedEvents consumed;
    private final TransactionTemplate tx;
    private final Counter pushed;

    DraftPushes(FanoutRedis redis, ConsumedEvents consumed, TransactionTemplate tx, MeterRegistry meters) {
        this.redis = redis;
        this.consumed = consumed;
        this.tx = tx;
        this.pushed = Counter.builder("chat.notification.drafts.pushes")
                .description("draft.changed batches published to presence nodes").register(meters);
    }

    @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = Topics.DRAFTS)
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<ChatEvent> event = ReadableRecords.event(record).orElse(null);
        if (event == null || !(event.payload() instanceof DraftChanged changed)) {
            return;
        }
        tx.executeWithoutResult(status -> {
            if (consumed.firstDelivery(CONSUMER, event.eventId())) {
                pushed.increment(push(changed));
            }
        });
    }

    private int push(DraftChanged changed) {
        UUID user = changed.userId();
        FanoutRedis.Lookup lookup = redis.lookup(List.of(changed.conversationId()), Set.of(user), true);
        Map<String, List<UUID>> byNode =
                Fanout.recipientsByNode(List.of(user), lookup.nodesOf(), lookup.nodes().live()::contains);
        if (byNode.isEmpty()) {
            return 0; // no socket open: the user's devices fetch their drafts when they connect
        }
        String frame = ServerFrames.escaped(ServerFrames.of(changed));
        List<Map.Entry<String, String>> batches = new ArrayList<>(byNode.size());
        byNode.forEach((node, users) -> batches.add(
                Map.entry(RealtimeKeys.channel(node), ConversationChangePushes.unnamedBatch(users, frame))));
        return redis.publishAndAdvance(batches, Map.of());
    }
}
