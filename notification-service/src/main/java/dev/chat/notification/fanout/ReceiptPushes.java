package dev.chat.notification.fanout;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.ReadCursorMoved;
import dev.chat.events.Topics;
import dev.chat.events.kafka.ReadableRecords;
import dev.chat.events.socket.RealtimeKeys;
import dev.chat.events.socket.ServerFrames;
import dev.chat.notification.membership.Members;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Pushes {@code chat.receipts.v1} (members' delivered and read cursors) as {@code receipt.moved} frames, one per
 * conversation per poll batch, holding the highest seq per member and kind of that batch. The busier the topic,
 * the bigger the batches and the more moves each frame carries, so a group's receipt pushes stay bounded by its
 * members whatever the rate of reads. Who gets them: every member of a direct or group conversation (ticks and
 * "read by"); in a channel only the member who moved (their other devices: unread badges follow), since a
 * broadcast does not show who read it.
 *
 * <p>Cursors are idempotent (a client takes the max), so a redelivered batch is pushed again without harm and
 * nothing is deduplicated. A conversation the membership projection does not know yet is skipped: receipts are
 * hints, and a client reads the cursors over REST when it opens a conversation. A failure (Redis) propagates and
 * the container redelivers the batch.
 */
@Component
class ReceiptPushes {

    static final String CONSUMER = "notification-service.receipts";

    private final Members members;
    private final FanoutRedis redis;
    private final Counter frames;

    ReceiptPushes(Members members, FanoutRedis redis, MeterRegistry meters) {
        this.members = members;
        this.redis = redis;
        this.frames = Counter.builder("chat.notification.receipts.frames")
                .description("receipt.moved frames built (one per conversation per poll batch)").register(meters);
    }

    @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = Topics.RECEIPTS,
            containerFactory = "fanoutListenerFactory", batch = "true")
    void onBatch(List<ConsumerRecord<String, String>> records) {
        Map<UUID, Map<String, ServerFrames.Cursor>> moves = coalesce(records);
        if (moves.isEmpty()) {
            return;
        }
        Map<UUID, String> types = members.typesOf(moves.keySet());
        Map<UUID, List<UUID>> membersOf = members.of(types.keySet());
        List<Push> pushes = new ArrayList<>();
        moves.forEach((conversation, cursors) -> {
            List<UUID> current = membersOf.get(conversation);
            if (current == null) {
                return; // not known yet
            }
            if ("CHANNEL".equals(types.get(conversation))) {
                Set<UUID> memberSet = Set.copyOf(current);
                Map<UUID, List<ServerFrames.Cursor>> byMover = new LinkedHashMap<>();
                cursors.values().forEach(c -> byMover.computeIfAbsent(c.userId(), u -> new ArrayList<>()).add(c));
                byMover.forEach((mover, own) -> {
                    if (memberSet.contains(mover)) {
                        pushes.add(new Push(conversation, List.of(mover), own));
                    }
                });
            } else {
                pushes.add(new Push(conversation, current, List.copyOf(cursors.values())));
            }
        });
        if (pushes.isEmpty()) {
            return;
        }
        Set<UUID> users = new LinkedHashSet<>();
        pushes.forEach(p -> users.addAll(p.recipients()));
        FanoutRedis.Lookup lookup = redis.lookup(pushes.stream().map(Push::conversationId).distinct().toList(),
                users, true);
        List<Map.Entry<String, String>> batches = new ArrayList<>();
        for (Push push : pushes) {
            String frame = ServerFrames.escaped(ServerFrames.receipts(push.conversationId(), push.cursors()));
            Fanout.recipientsByNode(push.recipients(), lookup.nodesOf(), lookup.nodes().live()::contains)
                    .forEach((node, onNode) -> batches.add(Map.entry(RealtimeKeys.channel(node),
                            ServerFrames.batch(push.conversationId(), onNode, frame))));
        }
        frames.increment(pushes.size());
        redis.publishAndAdvance(batches, Map.of());
    }

    /** One frame: these cursors of the conversation, to these recipients. */
    private record Push(UUID conversationId, List<UUID> recipients, List<ServerFrames.Cursor> cursors) {
    }

    /** Per conversation, per (member, kind): the highest seq in the batch, in order of first appearance. */
    static Map<UUID, Map<String, ServerFrames.Cursor>> coalesce(List<ConsumerRecord<String, String>> records) {
        Map<UUID, Map<String, ServerFrames.Cursor>> moves = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            EventEnvelope<ChatEvent> event = ReadableRecords.event(record).orElse(null);
            if (event != null && event.payload() instanceof ReadCursorMoved m && m.userId() != null
                    && m.conversationId() != null && m.kind() != null) {
                moves.computeIfAbsent(m.conversationId(), c -> new LinkedHashMap<>())
                        .merge(m.userId() + "/" + m.kind(), new ServerFrames.Cursor(m.userId(), m.kind(), m.seq()),
                                (held, neu) -> neu.seq() > held.seq() ? neu : held);
            }
        }
        return moves;
    }
}
