package dev.chat.notification.fanout;

import dev.chat.events.socket.ServerFrames;
import dev.chat.events.socket.RealtimeKeys;
import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
import dev.chat.events.Topics;
import dev.chat.events.kafka.ReadableRecords;
import dev.chat.notification.config.NotificationProperties;
import dev.chat.notification.membership.Members;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * The fan-out of {@code chat.messages.v1} (every change of a conversation's one change sequence: messages
 * created, edited, deleted; reactions added, removed; messages pinned, unpinned): for each poll batch, the frames are built once per event, then
 * one pipelined Redis round trip reads each conversation's position (the latest seq pushed: an event at
 * or below it is a redelivery, skipped) and the owner nodes of every recipient, and a second one
 * publishes one batch per event to each live node that holds a recipient's socket and only then advances
 * the positions. A position is thus never ahead of its publish: a failed publish is redelivered and
 * pushed, not mistaken for a duplicate. Any failure propagates, so the container redelivers the batch.
 *
 * <p>An event whose conversation the membership projection does not know yet (its ConversationCreated
 * travels on another topic) stops the batch there: the events before it are pushed, and the container's
 * error handler seeks back and redelivers it with a backoff until the membership arrives. Nothing is
 * dropped and nothing after it in its partition overtakes it.
 */
@Component
class Fanout {

    static final String CONSUMER = "notification-service.fanout";
    private static final Logger log = LoggerFactory.getLogger(Fanout.class);

    private final Members members;
    private final FanoutRedis redis;
    private final LiveNodes liveNodes;
    private final Timer timer;
    private final Counter events;
    private final Counter duplicates;
    private final Counter published;
    private final Counter waits;

    Fanout(Members members, FanoutRedis redis, NotificationProperties properties, MeterRegistry meters) {
        this.members = members;
        this.redis = redis;
        this.liveNodes = new LiveNodes(properties.fanout().liveNodesTtl());
        this.timer = Timer.builder("chat.notification.fanout")
                .description("Fan-out of one poll batch: membership, Redis lookups, publishes")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
        this.events = Counter.builder("chat.notification.fanout.events")
                .description("Events pushed to the presence nodes").register(meters);
        this.duplicates = Counter.builder("chat.notification.fanout.duplicates")
                .description("Redelivered events not pushed again").register(meters);
        this.published = Counter.builder("chat.notification.fanout.batches.published")
                .description("Per-node batches published").register(meters);
        this.waits = Counter.builder("chat.notification.fanout.membership.waits")
                .description("Times a batch stopped at an event whose conversation is not known yet").register(meters);
    }

    /**
     * One event to push: its record's index in the poll batch, its position and its frame; when it happened and
     * its record's traceparent go on to the nodes (their send-to-socket latency, the trace).
     */
    record Push(int index, UUID conversationId, long seq, String frame, long occurredAt, String traceparent) {
    }

    @KafkaListener(id = CONSUMER, groupId = CONSUMER, topics = Topics.MESSAGES,
            containerFactory = "fanoutListenerFactory", batch = "true")
    void onBatch(List<ConsumerRecord<String, String>> records) {
        timer.record(() -> fanOut(records));
    }

    void fanOut(List<ConsumerRecord<String, String>> records) {
        List<Push> pushes = pushesOf(records);
        if (pushes.isEmpty()) {
            return;
        }
        Set<UUID> conversations = new LinkedHashSet<>();
        pushes.forEach(p -> conversations.add(p.conversationId()));
        Map<UUID, List<UUID>> membersOf = members.of(conversations);

        int ready = 0;
        while (ready < pushes.size() && membersOf.containsKey(pushes.get(ready).conversationId())) {
            ready++;
        }
        push(pushes.subList(0, ready), membersOf);
        if (ready < pushes.size()) {
            Push waiting = pushes.get(ready);
            waits.increment();
            log.info("conversation {} is not known yet (seq {}): waiting for its membership",
                    waiting.conversationId(), waiting.seq());
            throw new BatchListenerFailedException("conversation " + waiting.conversationId() + " not known yet",
                    records.get(waiting.index()));
        }
    }

    private void push(List<Push> pushes, Map<UUID, List<UUID>> membersOf) {
        if (pushes.isEmpty()) {
            return;
        }
        Set<UUID> conversations = new LinkedHashSet<>();
        Set<UUID> users = new LinkedHashSet<>();
        for (Push p : pushes) {
            conversations.add(p.conversationId());
            users.addAll(membersOf.get(p.conversationId()));
        }
        boolean readNodes = liveNodes.stale();
        FanoutRedis.Lookup lookup = redis.lookup(List.copyOf(conversations), users, readNodes);
        if (lookup.nodes() != null) {
            liveNodes.update(lookup.nodes().live(), lookup.nodes().dead());
        } else if (lookup.nodesOf().values().stream().flatMap(List::stream).anyMatch(liveNodes::worthRereadFor)) {
            FanoutRedis.Nodes nodes = redis.liveNodes(); // a node newer than the snapshot
            liveNodes.update(nodes.live(), nodes.dead());
        }

        // The position each conversation will have once this batch is published: read, then advanced by
        // the events of this batch in order (one conversation's events come in seq order).
        Map<UUID, Long> advanced = new LinkedHashMap<>();
        List<Map.Entry<String, String>> batches = new ArrayList<>();
        int pushed = 0;
        int skipped = 0;
        for (Push p : pushes) {
            long position = advanced.getOrDefault(p.conversationId(),
                    lookup.positions().getOrDefault(p.conversationId(), 0L));
            if (p.seq() <= position) {
                skipped++;
                continue;
            }
            advanced.put(p.conversationId(), p.seq());
            pushed++;
            Map<String, List<UUID>> recipientsByNode =
                    recipientsByNode(membersOf.get(p.conversationId()), lookup.nodesOf(), liveNodes::isLive);
            if (recipientsByNode.isEmpty()) {
                continue;
            }
            String escapedFrame = ServerFrames.escaped(p.frame());
            recipientsByNode.forEach((node, recipients) ->
                    batches.add(Map.entry(RealtimeKeys.channel(node), ServerFrames.batch(p.conversationId(), recipients, escapedFrame, p.occurredAt(), p.traceparent()))));
        }
        published.increment(redis.publishAndAdvance(batches, advanced));
        // Counted once Redis took them: a failed batch is redelivered and counted then.
        events.increment(pushed);
        duplicates.increment(skipped);
    }

    /** The recipients with a socket on each live node, in recipient order: one batch per node. */
    static Map<String, List<UUID>> recipientsByNode(Collection<UUID> recipients, Map<UUID, List<String>> nodesOf,
                                                     Predicate<String> live) {
        Map<String, List<UUID>> byNode = new LinkedHashMap<>();
        for (UUID recipient : recipients) {
            for (String node : nodesOf.get(recipient)) {
                if (live.test(node)) {
                    byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(recipient);
                }
            }
        }
        return byNode;
    }

    private static List<Push> pushesOf(List<ConsumerRecord<String, String>> records) {
        List<Push> pushes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            EventEnvelope<ChatEvent> event = ReadableRecords.event(record).orElse(null);
            if (event == null) {
                continue;
            }
            long at = event.occurredAt() == null ? 0 : event.occurredAt().toEpochMilli();
            Header traceHeader = record.headers().lastHeader("traceparent");
            String trace = traceHeader == null ? null : new String(traceHeader.value(), StandardCharsets.US_ASCII);
            Push push = switch (event.payload()) {
                case MessageCreated m -> new Push(i, m.conversationId(), m.seq(), ServerFrames.of(m), at, trace);
                case MessageEdited e -> new Push(i, e.conversationId(), e.seq(), ServerFrames.of(e), at, trace);
                case MessageDeleted d -> new Push(i, d.conversationId(), d.seq(), ServerFrames.of(d), at, trace);
                case ReactionAdded r -> new Push(i, r.conversationId(), r.seq(), ServerFrames.of(r), at, trace);
                case ReactionRemoved r -> new Push(i, r.conversationId(), r.seq(), ServerFrames.of(r), at, trace);
                case MessagePinned p -> new Push(i, p.conversationId(), p.seq(), ServerFrames.of(p), at, trace);
                case MessageUnpinned u -> new Push(i, u.conversationId(), u.seq(), ServerFrames.of(u), at, trace);
                default -> null;
            };
            if (push != null) {
                pushes.add(push);
            }
        }
        return pushes;
    }
}
