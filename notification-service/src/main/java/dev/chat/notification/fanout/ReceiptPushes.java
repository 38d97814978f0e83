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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pushes {@code chat.receipts.v1} (members' delivered and read cursors) as {@code receipt.moved} frames. Moves are
 * gathered, keeping the highest seq per member and kind, and flushed every
 * {@code chat.notification.receipts.flush-interval}: one frame per conversation per window, so a busy group's
 * receipt pushes stay bounded by its members times the flush rate, whatever the rate of reads (a 100-member group
 * read at 25 moves/s costs 200 frames/s, not 2,500). Who gets them: every member of a direct or group conversation
 * (ticks and "read by"); in a channel only the member who moved, with their own cursors only (their other devices:
 * unread badges follow), since a broadcast does not show who read it.
 *
 * <p>Receipts are hints, at most once like every push: a client reads the cursors over REST when it opens a
 * conversation and after a reconnect, so the gathered moves are not kept beyond the process (a pod that stops
 * loses at most one window of them), a failed push is counted and dropped, and a conversation the membership
 * projection does not know yet is skipped. Cursors are idempotent (a client takes the max): nothing is deduplicated.
 */
@Component
class ReceiptPushes {

    static final String CONSUMER = "notification-service.receipts";
    private static final Logger log = LoggerFactory.getLogger(ReceiptPushes.class);

    private final Members members;
    private final FanoutRedis redis;
    private final Counter frames;
    private final Counter failed;
    private final Object lock = new Object();
    private Map<UUID, Map<String, ServerFrames.Cursor>> gathered = new LinkedHashMap<>();

    ReceiptPushes(Members members, FanoutRedis redis, MeterRegistry meters) {
        this.members = members;
        this.redis = redis;
        this.frames = Counter.builder("chat.notification.receipts.frames")
                .description("receipt.moved frames built (one per conversation per flush)").register(meters);
        this.failed = Counter.builder("chat.notification.receipts.failed")
                .description("Receipt flushes that could not be pushed (hints: not retried)").register(meters);
    }

    @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = Topics.RECEIPTS,
            containerFactory = "fanoutListenerFactory", batch = "true")
    void onBatch(List<ConsumerRecord<String, String>> records) {
        Map<UUID, Map<String, ServerFrames.Cursor>> moves = coalesce(records);
        synchronized (lock) {
            moves.forEach((conversation, cursors) -> {
                Map<String, ServerFrames.Cursor> held = gathered.computeIfAbsent(conversation, c -> new LinkedHashMap<>());
                cursors.forEach((key, cursor) -> held.merge(key, cursor, ReceiptPushes::higher));
            });
        }
    }

    @Scheduled(fixedDelayString = "${chat.notification.receipts.flush-interval}")
    void flush() {
        Map<UUID, Map<String, ServerFrames.Cursor>> moves;
        synchronized (lock) {
            if (gathered.isEmpty()) {
                return;
            }
            moves = gathered;
            gathered = new LinkedHashMap<>();
        }
        try {
            push(moves);
        } catch (RuntimeException e) {
            failed.increment();
            log.warn("could not push the receipts of {} conversations: {}", moves.size(), e.toString());
        }
    }

    private void push(Map<UUID, Map<String, ServerFrames.Cursor>> moves) {
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

    private static ServerFrames.Cursor higher(ServerFrames.Cursor held, ServerFrames.Cursor neu) {
        return neu.seq() > held.seq() ? neu : held;
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
                                ReceiptPushes::higher);
            }
        }
        return moves;
    }
}
