package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private final LatencyHistogram histogram = new LatencyHistogram(3_600_000_000L);

    @Test
    void anEmptyHistogramReportsZeros() {
        assertThat(histogram.count()).isZero();
        assertThat(histogram.valueAtPercentile(99)).isZero();
        assertThat(histogram.max()).isZero();
        assertThat(histogram.min()).isZero();
        assertThat(histogram.mean()).isZero();
    }

    @Test
    void valuesBelowTheLinearRangeAreExact() {
        for (int v = 1; v <= 200; v++) {
            histogram.record(v);
        }
        assertThat(histogram.valueAtPercentile(50)).isEqualTo(100);
        assertThat(histogram.valueAtPercentile(99)).isEqualTo(198);
        assertThat(histogram.valueAtPercentile(99.5)).isEqualTo(199);
        assertThat(histogram.valueAtPercentile(100)).isEqualTo(200);
        assertThat(histogram.valueAtPercentile(0)).isEqualTo(1);
        assertThat(histogram.mean()).isEqualTo(100.5);
    }

    @Test
    void everyValueFallsInABucketAtMostOneHundredTwentyEighthWide() {
        SplittableRandom random = new SplittableRandom(42);
        int previousIndex = -1;
        long previousValue = -1;
        List<Long> values = new ArrayList<>();
        for (long v = 0; v < 5_000; v++) {
            values.add(v);
        }
        for (int i = 0; i < 100_000; i++) {
            values.add(random.nextLong(3_600_000_000L));
        }
        values.add(3_600_000_000L);
        values.sort(Long::compare);
        for (long v : values) {
            int index = LatencyHistogram.bucketIndex(v);
            long low = LatencyHistogram.lowestValueInBucket(index);
            long high = LatencyHistogram.highestValueInBucket(index);
            assertThat(v).isBetween(low, high);
            assertThat((double) (high - low) / Math.max(1, low)).isLessThan(1.0 / 128);
            if (v > previousValue) {
                assertThat(index).isGreaterThanOrEqualTo(previousIndex);
            }
            previousIndex = index;
            previousValue = v;
        }
    }

    @Test
    void bucketsTileTheRangeWithoutGaps() {
        int last = LatencyHistogram.bucketIndex(3_600_000_000L);
        for (int i = 1; i <= last; i++) {
            assertThat(LatencyHistogram.lowestValueInBucket(i))
                    .isEqualTo(LatencyHistogram.highestValueInBucket(i - 1) + 1);
        }
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinOnePercentAndNeverBelowTheTruth() {
        for (long v = 1; v <= 100_000; v++) {
            histogram.record(v);
        }
        assertPercentile(50, 50_000);
        assertPercentile(95, 95_000);
        assertPercentile(99, 99_000);
        assertPercentile(99.9, 99_900);
        assertThat(histogram.valueAtPercentile(100)).isEqualTo(100_000);
        assertThat(histogram.max()).isEqualTo(100_000);
        assertThat(histogram.count()).isEqualTo(100_000);
    }

    private void assertPercentile(double percentile, long exact) {
        assertThat(histogram.valueAtPercentile(percentile)).isBetween(exact, (long) (exact * 1.008));
    }

    @Test
    void aSingleOutlierOnlyMovesTheTopPercentiles() {
        for (int i = 0; i < 999; i++) {
            histogram.record(1_000);
        }
        histogram.record(2_000_000);
        assertThat(histogram.valueAtPercentile(99.9)).isBetween(1_000L, 1_007L);
        assertThat(histogram.valueAtPercentile(99.95)).isEqualTo(2_000_000);
        assertThat(histogram.max()).isEqualTo(2_000_000);
    }

    @Test
    void valuesAboveTheTrackableRangeAreCountedAndTheMaximumStaysExact() {
        LatencyHistogram small = new LatencyHistogram(1_000);
        small.record(10);
        small.record(5_000_000);
        assertThat(small.count()).isEqualTo(2);
        assertThat(small.max()).isEqualTo(5_000_000);
        assertThat(small.valueAtPercentile(100)).isEqualTo(5_000_000);
        assertThat(small.valueAtPercentile(50)).isEqualTo(10);
    }

    @Test
    void negativeValuesCountAsZero() {
        histogram.record(-5);
        assertThat(histogram.valueAtPercentile(100)).isZero();
        assertThat(histogram.count()).isEqualTo(1);
    }

    @Test
    void percentilesOutsideZeroToHundredAreRejected() {
        assertThatThrownBy(() -> histogram.valueAtPercentile(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> histogram.valueAtPercentile(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentRecordingLosesNoCount() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            threads.add(Thread.ofPlatform().start(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < 250_000; i++) {
                    histogram.record(random.nextLong(1, 10_000));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        histogram.record(20_000);
        assertThat(histogram.count()).isEqualTo(1_000_001);
        assertThat(histogram.max()).isEqualTo(20_000);
        assertThat(histogram.min()).isGreaterThanOrEqualTo(1);
    }
}
