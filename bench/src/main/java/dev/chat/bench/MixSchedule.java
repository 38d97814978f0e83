package dev.chat.bench;

import dev.chat.bench.OperationMix.Kind;

/**
 * The load mode's one open-loop clock, messages and the --mix operations on it together. Message i is due at
 * i/rate, as without a mix. Each operation kind runs on a grid of its own at rate x its per-message ratio, shifted
 * by a fraction of a message interval (reactions 1/4, reads 1/2, edits 3/4) so that the kinds do not all fall on
 * the messages' instants: operation j of a kind with ratio r is due at (phase + j/r)/rate. Every stream ends with
 * the messages' schedule (before total/rate); an operation due at or after the first measured message's time is
 * measured. Nothing waits for an answer: operations are due whatever happened to the sends before them.
 *
 * <p>{@link #next()} walks the merged schedule in due order (a tie goes to the message, then to the kinds in
 * {@link Kind} order) without allocating: one thread, the scheduler, uses it.
 */
final class MixSchedule {

    /** {@link #kind()} of a message send. */
    static final int MESSAGE = -1;

    private static final Kind[] KINDS = Kind.values();

    private final int messages;
    private final double intervalNanos;
    private final double[] phase = new double[KINDS.length];
    private final double[] ratio = new double[KINDS.length];
    private final int[] count = new int[KINDS.length];
    private final int[] firstMeasured = new int[KINDS.length];

    private int nextMessage;
    private final int[] nextOp = new int[KINDS.length];
    private int kind = MESSAGE;
    private int index = -1;
    private long due;

    /**
     * @param messages       messages of the whole schedule, warm-up included
     * @param warmupMessages the first of them are warm-up; operations due before the first measured one too
     */
    MixSchedule(int messages, int warmupMessages, double rate, OperationMix mix) {
        this.messages = messages;
        this.intervalNanos = 1e9 / rate;
        for (Kind k : KINDS) {
            int o = k.ordinal();
            phase[o] = (o + 1) / (double) (KINDS.length + 1);
            ratio[o] = mix.perMessage(k);
            if (ratio[o] > 0) {
                long n = (long) Math.ceil((messages - phase[o]) * ratio[o]);
                if (n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("too many " + k.plural + " for one run: " + n);
                }
                count[o] = (int) Math.max(0, n);
                firstMeasured[o] = (int) Math.min(count[o], Math.max(0, Math.ceil((warmupMessages - phase[o]) * ratio[o])));
            }
        }
    }

    int messages() {
        return messages;
    }

    /** Operations of {@code kind} over the whole schedule. */
    int count(Kind kind) {
        return count[kind.ordinal()];
    }

    /** Operations of {@code kind} in the measured phase. */
    int measured(Kind kind) {
        return count[kind.ordinal()] - firstMeasured[kind.ordinal()];
    }

    boolean isMeasured(Kind kind, int j) {
        return j >= firstMeasured[kind.ordinal()];
    }

    /** Offset from the schedule's start at which message {@code i} is due. */
    long messageDueNanos(int i) {
        return Math.round(i * intervalNanos);
    }

    /** Offset from the schedule's start at which operation {@code j} of {@code kind} is due. */
    long dueNanos(Kind kind, int j) {
        int o = kind.ordinal();
        return Math.round((phase[o] + j / ratio[o]) * intervalNanos);
    }

    /** Steps to the next item due; false when the schedule is done. */
    boolean next() {
        int best = nextMessage < messages ? MESSAGE : Integer.MIN_VALUE;
        long bestDue = best == MESSAGE ? messageDueNanos(nextMessage) : Long.MAX_VALUE;
        for (int o = 0; o < KINDS.length; o++) {
            if (nextOp[o] < count[o]) {
                long d = dueNanos(KINDS[o], nextOp[o]);
                if (d < bestDue) {
                    best = o;
                    bestDue = d;
                }
            }
        }
        if (best == Integer.MIN_VALUE) {
            return false;
        }
        kind = best;
        due = bestDue;
        index = best == MESSAGE ? nextMessage++ : nextOp[best]++;
        return true;
    }

    /** {@link #MESSAGE} or the ordinal of the current item's {@link Kind}. */
    int kind() {
        return kind;
    }

    /** The current item's index among the messages or among its kind's operations. */
    int index() {
        return index;
    }

    /** The current item's due time, as an offset from the schedule's start. */
    long due() {
        return due;
    }

    static Kind kindOf(int kind) {
        return KINDS[kind];
    }
}
