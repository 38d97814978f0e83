package dev.chat.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-message, per-recipient delivery bookkeeping for one run.
 *
 * <p>Everything is preallocated in flat arrays indexed by the message index (which the clientMessageId carries,
 * see {@link ClientMessageIds}): one received-bit per member of the message's conversation, set with one atomic
 * OR. So a delivery costs no allocation and no lock beyond its socket's own, and duplicates (bit already set),
 * losses (bit never set) and out-of-order frames (seq below the socket's highest for that conversation) fall out
 * of the same bits.
 *
 * <p>Threads: {@link #scheduled} from the sender thread; {@link #sendCompleted} from HTTP completion threads;
 * {@link #onMessageCreated} from WebSocket listener threads (serial per socket). The volatile state write in
 * {@code scheduled} publishes the plain per-message fields to the listeners that read the state first.
 */
final class DeliveryTracker {

    /** A conversation of the run: its server id and its members as user indices (the creator included). */
    record Conversation(String id, int[] members) {}

    /** What one frame turned out to be; the listener only counts, the tests look at it. */
    enum Outcome { DELIVERED, ECHO, DUPLICATE, OUT_OF_ORDER, MISROUTED, FOREIGN }

    static final int UNUSED = 0;
    static final int SCHEDULED = 1;
    static final int SENT = 2;
    static final int FAILED = 3;

    private static final VarHandle BITS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int MAX_LOST_EXAMPLES = 5;

    private final List<Conversation> conversations;
    private final String[] userIds;
    private final ClientMessageIds ids;
    private final int capacity;
    private final int warmupMessages;
    private final int words;

    private final AtomicIntegerArray state;
    private final int[] conversationOf;
    private final int[] senderPosition;
    private final long[] scheduledAt;
    private final long[] received;

    private final Recipient[] recipients;
    private final int[] timedFrom;
    private final LatencyHistogram[] latencyMicros;

    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MIN_VALUE;

    private final LongAdder firstDeliveries = new LongAdder();
    private final LongAdder echoes = new LongAdder();
    private final LongAdder windowDeliveries = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder misrouted = new LongAdder();
    private final LongAdder foreign = new LongAdder();

    /**
     * @param userIds        server user ids by user index (for reports)
     * @param capacity       how many messages the run will schedule at most
     * @param warmupMessages indices below it are warm-up: checked for loss, not timed
     */
    DeliveryTracker(List<Conversation> conversations, String[] userIds, ClientMessageIds ids,
                    int capacity, int warmupMessages, LatencyHistogram latencyMicros) {
        this(conversations, userIds, ids, capacity, warmupMessages, new int[] {warmupMessages},
                new LatencyHistogram[] {latencyMicros});
    }

    /**
     * With one delivery-latency histogram per phase: deliveries of messages {@code [timedFrom[k], timedFrom[k+1])}
     * go to {@code latencyMicros[k]}; messages below {@code timedFrom[0]} are not timed.
     *
     * @param timedFrom ascending first message indices
     */
    DeliveryTracker(List<Conversation> conversations, String[] userIds, ClientMessageIds ids,
                    int capacity, int warmupMessages, int[] timedFrom, LatencyHistogram[] latencyMicros) {
        if (timedFrom.length != latencyMicros.length) {
            throw new IllegalArgumentException("one histogram per phase");
        }
        this.conversations = List.copyOf(conversations);
        this.userIds = userIds.clone();
        this.ids = ids;
        this.capacity = capacity;
        this.warmupMessages = warmupMessages;
        this.timedFrom = timedFrom.clone();
        this.latencyMicros = latencyMicros.clone();
        int largest = conversations.stream().mapToInt(c -> c.members().length).max().orElse(1);
        this.words = (largest + 63) / 64;
        this.state = new AtomicIntegerArray(capacity);
        this.conversationOf = new int[capacity];
        this.senderPosition = new int[capacity];
        this.scheduledAt = new long[capacity];
        this.received = new long[Math.multiplyExact(capacity, words)];
        this.recipients = buildRecipients(this.conversations, userIds.length);
    }

    private static Recipient[] buildRecipients(List<Conversation> conversations, int users) {
        List<List<int[]>> slots = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            slots.add(new ArrayList<>());
        }
        for (int c = 0; c < conversations.size(); c++) {
            int[] members = conversations.get(c).members();
            for (int pos = 0; pos < members.length; pos++) {
                slots.get(members[pos]).add(new int[] {c, pos});
            }
        }
        Recipient[] result = new Recipient[users];
        for (int u = 0; u < users; u++) {
            List<int[]> mine = slots.get(u);
            int[] convs = new int[mine.size()];
            int[] positions = new int[mine.size()];
            for (int i = 0; i < mine.size(); i++) {
                convs[i] = mine.get(i)[0];
                positions[i] = mine.get(i)[1];
            }
            result[u] = new Recipient(convs, positions);
        }
        return result;
    }

    String clientMessageId(int index) {
        return ids.encode(index);
    }

    int capacity() {
        return capacity;
    }

    boolean isMeasured(int index) {
        return index >= warmupMessages;
    }

    /** The measured window in System.nanoTime terms: deliveries arriving within it make the throughput figure. */
    void window(long startNanos, long endNanos) {
        this.windowStart = startNanos;
        this.windowEnd = endNanos;
    }

    void scheduled(int index, int conversation, int senderPos, long scheduledNanos) {
        conversationOf[index] = conversation;
        senderPosition[index] = senderPos;
        scheduledAt[index] = scheduledNanos;
        state.set(index, SCHEDULED);
    }

    void sendCompleted(int index, boolean succeeded) {
        state.set(index, succeeded ? SENT : FAILED);
    }

    long scheduledAt(int index) {
        return scheduledAt[index];
    }

    /** One {@code message.created} frame that arrived on user {@code user}'s socket at {@code arrivalNanos}. */
    Outcome onMessageCreated(int user, long arrivalNanos, String conversationId, long seq, CharSequence clientMessageId) {
        long decoded = ids.decode(clientMessageId);
        if (decoded < 0 || decoded >= capacity || state.get((int) decoded) == UNUSED) {
            foreign.increment();
            return Outcome.FOREIGN;
        }
        int index = (int) decoded;
        int conversation = conversationOf[index];
        Recipient recipient = recipients[user];
        int slot = recipient.slotOf(conversation);
        if (slot < 0 || (conversationId != null && !conversationId.equals(conversations.get(conversation).id()))) {
            misrouted.increment();
            return Outcome.MISROUTED;
        }
        int position = recipient.positions[slot];
        long mask = 1L << (position & 63);
        long before = (long) BITS.getAndBitwiseOr(received, index * words + (position >>> 6), mask);
        if ((before & mask) != 0) {
            duplicates.increment();
            return Outcome.DUPLICATE;
        }
        boolean inOrder = recipient.observe(slot, seq);
        if (!inOrder) {
            outOfOrder.increment();
        }
        if (position == senderPosition[index]) {
            echoes.increment();
            return inOrder ? Outcome.ECHO : Outcome.OUT_OF_ORDER;
        }
        firstDeliveries.increment();
        if (arrivalNanos >= windowStart && arrivalNanos < windowEnd) {
            windowDeliveries.increment();
        }
        LatencyHistogram latency = latencyOf(index);
        if (latency != null) {
            latency.record((arrivalNanos - scheduledAt[index]) / 1_000);
        }
        return inOrder ? Outcome.DELIVERED : Outcome.OUT_OF_ORDER;
    }

    private LatencyHistogram latencyOf(int index) {
        for (int k = timedFrom.length - 1; k >= 0; k--) {
            if (index >= timedFrom[k]) {
                return latencyMicros[k];
            }
        }
        return null;
    }

    /** Deliveries so far to members other than the sender (first copies only), for progress lines. */
    long deliveriesSoFar() {
        return firstDeliveries.sum();
    }

    /** True once every successfully sent message of the first {@code scheduled} reached every other member. */
    boolean allDelivered(int scheduled) {
        for (int i = 0; i < scheduled; i++) {
            int s = state.get(i);
            if (s == SCHEDULED) {
                return false;
            }
            if (s == SENT && receivedBy(i) < conversations.get(conversationOf[i]).members().length - 1) {
                return false;
            }
        }
        return true;
    }

    private int receivedBy(int index) {
        int members = conversations.get(conversationOf[index]).members().length;
        int sender = senderPosition[index];
        int count = 0;
        for (int w = 0; w < words; w++) {
            long bits = (long) BITS.getAcquire(received, index * words + w);
            if (w == sender >>> 6) {
                bits &= ~(1L << (sender & 63));
            }
            count += Long.bitCount(bits);
        }
        return Math.min(count, members - 1);
    }

    private boolean receivedAt(int index, int position) {
        long bits = (long) BITS.getAcquire(received, index * words + (position >>> 6));
        return (bits & (1L << (position & 63))) != 0;
    }

    /** Final figures over the first {@code scheduled} messages; call after the drain. */
    Tally tally(int scheduled) {
        PhaseTally warmup = new PhaseTally();
        PhaseTally measured = new PhaseTally();
        long sendsFailed = 0;
        long sendsUnanswered = 0;
        long deliveriesOfFailedSends = 0;
        List<String> lostExamples = new ArrayList<>();
        for (int i = 0; i < scheduled; i++) {
            int s = state.get(i);
            if (s == UNUSED) {
                continue;
            }
            PhaseTally phase = i < warmupMessages ? warmup : measured;
            phase.sent++;
            int got = receivedBy(i);
            if (s != SENT) {
                if (s == FAILED) {
                    sendsFailed++;
                } else {
                    sendsUnanswered++;
                }
                deliveriesOfFailedSends += got;
                continue;
            }
            Conversation conversation = conversations.get(conversationOf[i]);
            int expected = conversation.members().length - 1;
            phase.succeeded++;
            phase.expected += expected;
            phase.received += got;
            if (got < expected) {
                phase.lost += expected - got;
                for (int pos = 0; pos < conversation.members().length && lostExamples.size() < MAX_LOST_EXAMPLES; pos++) {
                    if (pos != senderPosition[i] && !receivedAt(i, pos)) {
                        lostExamples.add("clientMessageId=" + ids.encode(i) + " conversation=" + conversation.id()
                                + " sender=" + userIds[conversation.members()[senderPosition[i]]]
                                + " recipient=" + userIds[conversation.members()[pos]]
                                + (i < warmupMessages ? " (warm-up)" : ""));
                    }
                }
            }
        }
        return new Tally(warmup, measured, sendsFailed, sendsUnanswered, deliveriesOfFailedSends,
                echoes.sum(), windowDeliveries.sum(), duplicates.sum(), outOfOrder.sum(), misrouted.sum(),
                foreign.sum(), List.copyOf(lostExamples));
    }

    /**
     * Sends, successes and deliveries of messages {@code [from, to)} (e.g. one phase of an overload run); call
     * after the drain. Messages never scheduled (dropped before sending) are not counted.
     */
    PhaseTally tally(int from, int to) {
        PhaseTally range = new PhaseTally();
        for (int i = from; i < to; i++) {
            int s = state.get(i);
            if (s == UNUSED) {
                continue;
            }
            range.sent++;
            if (s != SENT) {
                continue;
            }
            int expected = conversations.get(conversationOf[i]).members().length - 1;
            int got = receivedBy(i);
            range.succeeded++;
            range.expected += expected;
            range.received += got;
            range.lost += Math.max(0, expected - got);
        }
        return range;
    }

    static final class PhaseTally {
        long sent;
        long succeeded;
        long expected;
        long received;
        long lost;
    }

    record Tally(PhaseTally warmup, PhaseTally measured, long sendsFailed, long sendsUnanswered,
                 long deliveriesOfFailedSends, long echoes, long windowDeliveries, long duplicates,
                 long outOfOrder, long misrouted, long foreign, List<String> lostExamples) {

        long lost() {
            return warmup.lost + measured.lost;
        }

        /** Lost, duplicated or pushed to a non-member: the run proves the platform wrong. */
        boolean failed() {
            return lost() > 0 || duplicates > 0 || misrouted > 0;
        }
    }

    /** One user's socket: its conversations, its position in each, the highest seq seen per conversation. */
    private static final class Recipient {
        final int[] conversations;
        final int[] positions;
        private final long[] highestSeq;

        Recipient(int[] conversations, int[] positions) {
            this.conversations = conversations;
            this.positions = positions;
            this.highestSeq = new long[conversations.length];
            java.util.Arrays.fill(highestSeq, -1);
        }

        int slotOf(int conversation) {
            for (int i = 0; i < conversations.length; i++) {
                if (conversations[i] == conversation) {
                    return i;
                }
            }
            return -1;
        }

        /** False if {@code seq} is below one already seen for that conversation on this socket. */
        synchronized boolean observe(int slot, long seq) {
            if (seq < 0) {
                return true;
            }
            if (seq < highestSeq[slot]) {
                return false;
            }
            highestSeq[slot] = seq;
            return true;
        }
    }
}
