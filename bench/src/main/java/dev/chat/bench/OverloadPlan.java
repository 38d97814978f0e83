package dev.chat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The overload run's fixed send schedule: phases back to back, each at its own rate. Message i is due at a
 * nanosecond offset from the run's start whatever happened to the messages before it (open loop), and
 * belongs to one phase and to one second of that phase, counted from the phase's start (so a phase of
 * 10.5 s has 11 seconds, the last one half full, and no second straddles two phases).
 */
final class OverloadPlan {

    static final long SECOND = 1_000_000_000L;

    /** One phase: a name for the report, messages per second, length. */
    record Phase(String name, double rate, Duration duration) {
        Phase {
            if (!(rate > 0) || duration.isNegative()) {
                throw new IllegalArgumentException("a phase needs a positive rate and a duration >= 0");
            }
        }
    }

    private final List<Phase> phases;
    private final int[] firstIndex;
    private final int[] count;
    private final long[] startNanos;
    private final int[] firstSecond;
    private final int[] seconds;
    private final int total;
    private final int totalSeconds;

    OverloadPlan(List<Phase> phases) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("no phases");
        }
        this.phases = List.copyOf(phases);
        int n = phases.size();
        firstIndex = new int[n];
        count = new int[n];
        startNanos = new long[n];
        firstSecond = new int[n];
        seconds = new int[n];
        long index = 0;
        long start = 0;
        int second = 0;
        for (int p = 0; p < n; p++) {
            Phase phase = phases.get(p);
            long nanos = phase.duration().toNanos();
            firstIndex[p] = (int) index;
            count[p] = (int) Math.round(phase.rate() * nanos / 1e9);
            startNanos[p] = start;
            firstSecond[p] = second;
            seconds[p] = (int) ((nanos + SECOND - 1) / SECOND);
            index += count[p];
            start += nanos;
            second += seconds[p];
            if (index > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many messages for one run: " + index);
            }
        }
        total = (int) index;
        totalSeconds = second;
    }

    /**
     * [warm-up at --rate, only if --warmup is given,] baseline at --rate, overload at --overload-factor x --rate,
     * recovery at --rate. The recovery is always the last phase.
     */
    static OverloadPlan of(BenchOptions options) {
        List<Phase> phases = new ArrayList<>();
        if (!options.warmup().isZero()) {
            phases.add(new Phase("warm-up", options.rate(), options.warmup()));
        }
        phases.add(new Phase("baseline", options.rate(), options.baseline()));
        phases.add(new Phase("overload", options.rate() * options.overloadFactor(), options.overload()));
        phases.add(new Phase("recovery", options.rate(), options.recovery()));
        return new OverloadPlan(phases);
    }

    int phases() {
        return phases.size();
    }

    Phase phase(int p) {
        return phases.get(p);
    }

    int total() {
        return total;
    }

    int firstIndex(int p) {
        return firstIndex[p];
    }

    int count(int p) {
        return count[p];
    }

    /** Offset of the phase's start from the run's start. */
    long startNanos(int p) {
        return startNanos[p];
    }

    long endNanos(int p) {
        return startNanos[p] + phases.get(p).duration().toNanos();
    }

    int firstSecond(int p) {
        return firstSecond[p];
    }

    /** Seconds of the phase, the last one possibly partial. */
    int seconds(int p) {
        return seconds[p];
    }

    int totalSeconds() {
        return totalSeconds;
    }

    int phaseOf(int index) {
        if (index < 0 || index >= total) {
            throw new IndexOutOfBoundsException(index);
        }
        int p = phases.size() - 1;
        while (index < firstIndex[p] || count[p] == 0) {
            p--;
        }
        return p;
    }

    /** When message {@code index} is due, as an offset from the run's start. */
    long dueNanos(int index) {
        int p = phaseOf(index);
        return startNanos[p] + Math.round((index - firstIndex[p]) * 1e9 / phases.get(p).rate());
    }

    /** The second (over the whole run, see {@link #phaseOfSecond}) in which message {@code index} is due. */
    int secondOf(int index) {
        int p = phaseOf(index);
        long intoPhase = dueNanos(index) - startNanos[p];
        return firstSecond[p] + (int) Math.min(intoPhase / SECOND, seconds[p] - 1);
    }

    int phaseOfSecond(int second) {
        if (second < 0 || second >= totalSeconds) {
            throw new IndexOutOfBoundsException(second);
        }
        int p = phases.size() - 1;
        while (second < firstSecond[p] || seconds[p] == 0) {
            p--;
        }
        return p;
    }

    /**
     * The phase running at {@code offsetNanos} from the run's start: -1 before it, {@link #phases()} after the
     * last phase (the drain).
     */
    int phaseAt(long offsetNanos) {
        if (offsetNanos < 0) {
            return -1;
        }
        for (int p = 0; p < phases.size(); p++) {
            if (offsetNanos < endNanos(p)) {
                return p;
            }
        }
        return phases.size();
    }
}
