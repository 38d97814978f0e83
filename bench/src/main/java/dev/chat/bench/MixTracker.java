package dev.chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

import dev.chat.bench.OperationMix.Kind;

/**
 * What the --mix operations need to know and what they did, for one run:
 * <ul>
 *   <li>per conversation, the last {@value #RECENT} messages whose send was answered with their id (the targets of
 *       reactions and edits);</li>
 *   <li>per member of each conversation, the highest {@code seq} it has seen there, from the frames its socket got
 *       and its own send answers: a read-cursor move to it can never pass the conversation's last change;</li>
 *   <li>per kind and phase, the operations' outcomes and their latency from the scheduled time to the answer;</li>
 *   <li>the time from a reaction's scheduled PUT to its {@code reaction.added} on the other members' sockets.</li>
 * </ul>
 * Threads: the scheduler reads; HTTP completion threads record answers; WebSocket listener threads call
 * {@link #onFrame} (lock free: an atomic max, and for a {@code reaction.added} one map lookup).
 */
final class MixTracker {

    /** A message the run sent and got back: a reaction's or an edit's target. */
    record Recent(String messageId, int senderPosition, int index) {}

    /** A send answer's two fields that matter here. */
    record SentMessage(String id, long seq) {}

    static final int RECENT = 32;
    /** Bounds the reaction-push bookkeeping of a long run; later reactions are sent but their pushes not timed. */
    static final int MAX_TIMED_REACTIONS = 1_000_000;
    static final int WARMUP = 0;
    static final int MEASURED = 1;

    private static final JsonFactory JSON = new JsonFactory();
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final List<DeliveryTracker.Conversation> conversations;
    private final String[] userIds;
    private final AtomicReferenceArray<Recent> recent;
    private final AtomicLongArray recentWritten;
    private final int[] firstSlot;
    private final AtomicLongArray seen;
    private final int[][] conversationsOfUser;
    private final int[][] positionsOfUser;

    private final ConcurrentHashMap<String, Long> reactionScheduledAt = new ConcurrentHashMap<>();
    private final LatencyHistogram reactionPushMicros = new LatencyHistogram(HIGHEST_MICROS);
    private final LongAdder reactionPushesUntimed = new LongAdder();
    private final LongAdder changeFrames = new LongAdder();
    private final OpStats[][] stats = new OpStats[Kind.values().length][2];
    private volatile long measuredFrom = Long.MIN_VALUE;

    MixTracker(List<DeliveryTracker.Conversation> conversations, String[] userIds) {
        this.conversations = List.copyOf(conversations);
        this.userIds = userIds.clone();
        this.recent = new AtomicReferenceArray<>(Math.multiplyExact(conversations.size(), RECENT));
        this.recentWritten = new AtomicLongArray(conversations.size());
        this.firstSlot = new int[conversations.size()];
        List<List<int[]>> ofUser = new ArrayList<>();
        for (int u = 0; u < userIds.length; u++) {
            ofUser.add(new ArrayList<>());
        }
        int slots = 0;
        for (int c = 0; c < conversations.size(); c++) {
            firstSlot[c] = slots;
            int[] members = conversations.get(c).members();
            for (int pos = 0; pos < members.length; pos++) {
                ofUser.get(members[pos]).add(new int[] {c, pos});
            }
            slots += members.length;
        }
        this.seen = new AtomicLongArray(slots);
        this.conversationsOfUser = new int[userIds.length][];
        this.positionsOfUser = new int[userIds.length][];
        for (int u = 0; u < userIds.length; u++) {
            conversationsOfUser[u] = ofUser.get(u).stream().mapToInt(a -> a[0]).toArray();
            positionsOfUser[u] = ofUser.get(u).stream().mapToInt(a -> a[1]).toArray();
        }
        for (Kind kind : Kind.values()) {
            stats[kind.ordinal()][WARMUP] = new OpStats();
            stats[kind.ordinal()][MEASURED] = new OpStats();
        }
    }

    List<DeliveryTracker.Conversation> conversations() {
        return conversations;
    }

    String userId(int user) {
        return userIds[user];
    }

    /** Operations scheduled from {@code startNanos} on are measured: their reaction pushes are timed. */
    void measuredFrom(long startNanos) {
        this.measuredFrom = startNanos;
    }

    OpStats stats(Kind kind, boolean measured) {
        return stats[kind.ordinal()][measured ? MEASURED : WARMUP];
    }

    /** A send of member {@code senderPosition} in {@code conversation} was answered with this message. */
    void messageSent(int conversation, int senderPosition, int index, SentMessage message) {
        long slot = recentWritten.getAndIncrement(conversation) % RECENT;
        recent.set(conversation * RECENT + (int) slot, new Recent(message.id(), senderPosition, index));
        see(firstSlot[conversation] + senderPosition, message.seq());
    }

    /** One of the conversation's last {@value #RECENT} answered messages, at random; null while there is none. */
    Recent recentMessage(int conversation, SplittableRandom random) {
        long written = recentWritten.get(conversation);
        if (written == 0) {
            return null;
        }
        int slot = random.nextInt((int) Math.min(written, RECENT));
        return recent.get(conversation * RECENT + slot); // null for a slot claimed but not yet filled: skip
    }

    /** The highest seq member {@code position} of {@code conversation} has seen there; 0 while none. */
    long seenBy(int conversation, int position) {
        return seen.get(firstSlot[conversation] + position);
    }

    /**
     * A frame other than welcome and error on user {@code user}'s socket: a change with a seq (a message, a
     * reaction, an edit, ...) raises what that user has seen; a {@code reaction.added} of someone else that this
     * run scheduled is timed.
     */
    void onFrame(int user, long arrivalNanos, ServerFrame frame) {
        if (frame.seq <= 0 || frame.conversationId == null) {
            return;
        }
        int[] mine = conversationsOfUser[user];
        int slot = -1;
        for (int i = 0; i < mine.length; i++) {
            if (conversations.get(mine[i]).id().equals(frame.conversationId)) {
                slot = i;
                break;
            }
        }
        if (slot < 0) {
            return; // not a conversation of this user: DeliveryTracker reports misrouted messages
        }
        see(firstSlot[mine[slot]] + positionsOfUser[user][slot], frame.seq);
        if (!"message.created".equals(frame.type)) {
            changeFrames.increment();
        }
        if ("reaction.added".equals(frame.type) && frame.userId != null && !frame.userId.equals(userIds[user])) {
            Long scheduledAt = frame.messageId == null || frame.emoji == null
                    ? null : reactionScheduledAt.get(reactionKey(frame.messageId, frame.userId, frame.emoji));
            if (scheduledAt == null) {
                reactionPushesUntimed.increment();
            } else if (scheduledAt >= measuredFrom) {
                reactionPushMicros.record((arrivalNanos - scheduledAt) / 1_000);
            }
        }
    }

    /**
     * A reaction is about to be PUT. Only the first PUT of one (member, message, emoji) creates it and is pushed;
     * a later one is a no-op, so the first scheduled time is kept (if that first PUT failed and a later one made
     * it, its pushes are timed from the earlier time: an overestimate, never an underestimate).
     */
    void reactionScheduled(String messageId, int reactor, String emoji, long scheduledNanos) {
        if (reactionScheduledAt.size() < MAX_TIMED_REACTIONS) {
            reactionScheduledAt.putIfAbsent(reactionKey(messageId, userIds[reactor], emoji), scheduledNanos);
        }
    }

    /** Frames of changes other than a message (reactions, edits, ...) so far: the drain waits while they come. */
    long changeFramesSoFar() {
        return changeFrames.sum();
    }

    LatencyHistogram reactionPushMicros() {
        return reactionPushMicros;
    }

    /** reaction.added frames of others that no scheduled reaction of this run explains (or past the bound). */
    long reactionPushesUntimed() {
        return reactionPushesUntimed.sum();
    }

    private void see(int slot, long seq) {
        long current;
        while (seq > (current = seen.get(slot))) {
            if (seen.compareAndSet(slot, current, seq)) {
                return;
            }
        }
    }

    private static String reactionKey(String messageId, String userId, String emoji) {
        return messageId + ' ' + userId + ' ' + emoji;
    }

    /** The id and seq of a send's 201/200 answer (the message JSON); null if they are not there. */
    static SentMessage parseSent(String body) {
        if (body == null) {
            return null;
        }
        String id = null;
        long seq = -1;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> id = value == JsonToken.VALUE_STRING ? p.getString() : null;
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    default -> p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            return null;
        }
        return id == null || seq <= 0 ? null : new SentMessage(id, seq);
    }

    /** Outcomes of one kind of operation in one phase. */
    static final class OpStats {
        final LongAdder attempted = new LongAdder();
        final LongAdder succeeded = new LongAdder();
        /** Due, but no target yet (no answered message in the conversation, or nothing seen to read up to). */
        final LongAdder skipped = new LongAdder();
        final LatencyHistogram latencyMicros = new LatencyHistogram(HIGHEST_MICROS);
        private final AtomicLongArray statuses = new AtomicLongArray(600);
        private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();

        /** An HTTP answer of any status, timed from the scheduled time. */
        void answered(int status, long latencyNanos) {
            statuses.incrementAndGet(Math.min(Math.max(status, 0), 599));
            if (status >= 200 && status < 300) {
                succeeded.increment();
            }
            latencyMicros.record(latencyNanos / 1_000);
        }

        /** No HTTP answer: a transport error ({@code timeout}, ...) or {@code client-dropped}. */
        void failed(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        long failedCount() {
            return attempted.sum() - succeeded.sum();
        }

        Map<String, Long> byStatus() {
            Map<String, Long> result = new TreeMap<>();
            for (int s = 0; s < 600; s++) {
                long n = statuses.get(s);
                if (n > 0) {
                    result.put(Integer.toString(s), n);
                }
            }
            errors.forEach((kind, n) -> result.put(kind, n.sum()));
            return result;
        }
    }
}
