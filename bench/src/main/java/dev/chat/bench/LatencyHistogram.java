package dev.chat.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A concurrent log-linear histogram of non-negative long values (the bench records microseconds), the
 * HdrHistogram layout in miniature: values below 2^{@value #SUB_BITS} have one bucket each (exact); above, each
 * power-of-two range is cut into 2^({@value #SUB_BITS}-1) equal buckets, so a reported percentile is never
 * below the true value and at most 1/128 (0.8 %) above it.
 *
 * <p>Recording is one atomic increment plus two striped accumulators: safe from many threads, no
 * allocation, no lock, so WebSocket listener threads can record every delivery.
 */
public final class LatencyHistogram {

    static final int SUB_BITS = 8;
    private static final int SUB_COUNT = 1 << SUB_BITS;
    private static final int HALF_COUNT = SUB_COUNT >> 1;

    private final long highestTrackable;
    private final AtomicLongArray counts;
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);
    private final LongAccumulator min = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAdder sum = new LongAdder();

    /** @param highestTrackable values above it are counted in its bucket; {@link #max()} stays exact */
    public LatencyHistogram(long highestTrackable) {
        if (highestTrackable < SUB_COUNT) {
            throw new IllegalArgumentException("highestTrackable must be at least " + SUB_COUNT);
        }
        this.highestTrackable = highestTrackable;
        this.counts = new AtomicLongArray(bucketIndex(highestTrackable) + 1);
    }

    /** Records one value; negative values (clock skew cannot happen with nanoTime, but be safe) count as 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        counts.incrementAndGet(bucketIndex(Math.min(v, highestTrackable)));
        max.accumulate(v);
        min.accumulate(v);
        sum.add(v);
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    public long max() {
        return count() == 0 ? 0 : max.get();
    }

    public long min() {
        return count() == 0 ? 0 : min.get();
    }

    public double mean() {
        long n = count();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }

    /**
     * The smallest recorded value v such that at least {@code percentile} % of the values are {@code <= v},
     * rounded up to its bucket's upper bound (never under-reports) and capped at the exact maximum.
     */
    public long valueAtPercentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be within [0, 100]: " + percentile);
        }
        long total = count();
        if (total == 0) {
            return 0;
        }
        // The shrink keeps binary noise (99.9 / 100 * 1000 = 999.0000000000001) from adding a rank.
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total * (1 - 1e-12)));
        long seen = 0;
        int last = counts.length() - 1;
        for (int i = 0; i <= last; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                // The last bucket also holds every value above highestTrackable: only the maximum bounds it.
                return i == last ? max.get() : Math.min(highestValueInBucket(i), max.get());
            }
        }
        return max.get();
    }

    static int bucketIndex(long value) {
        if (value < SUB_COUNT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int shift = exponent - SUB_BITS + 1;
        int sub = (int) (value >>> shift);
        return SUB_COUNT + (exponent - SUB_BITS) * HALF_COUNT + (sub - HALF_COUNT);
    }

    static long lowestValueInBucket(int index) {
        if (index < SUB_COUNT) {
            return index;
        }
        int k = index - SUB_COUNT;
        int shift = k / HALF_COUNT + 1;
        long sub = k % HALF_COUNT + HALF_COUNT;
        return sub << shift;
    }

    static long highestValueInBucket(int index) {
        if (index < SUB_COUNT) {
            return index;
        }
        int shift = (index - SUB_COUNT) / HALF_COUNT + 1;
        return lowestValueInBucket(index) + (1L << shift) - 1;
    }
}
