package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chat.bench.OverloadPlan.Phase;

class OverloadPlanTest {

    private static final long S = OverloadPlan.SECOND;

    /** 10 msg/s for 2 s, 30 msg/s for 3 s, 10 msg/s for 2 s. */
    private final OverloadPlan plan = new OverloadPlan(List.of(
            new Phase("baseline", 10, Duration.ofSeconds(2)),
            new Phase("overload", 30, Duration.ofSeconds(3)),
            new Phase("recovery", 10, Duration.ofSeconds(2))));

    @Test
    void eachPhaseGetsRateTimesLengthMessagesBackToBack() {
        assertThat(plan.count(0)).isEqualTo(20);
        assertThat(plan.count(1)).isEqualTo(90);
        assertThat(plan.count(2)).isEqualTo(20);
        assertThat(plan.total()).isEqualTo(130);
        assertThat(plan.firstIndex(1)).isEqualTo(20);
        assertThat(plan.firstIndex(2)).isEqualTo(110);
        assertThat(plan.startNanos(1)).isEqualTo(2 * S);
        assertThat(plan.startNanos(2)).isEqualTo(5 * S);
        assertThat(plan.endNanos(2)).isEqualTo(7 * S);
    }

    @Test
    void messagesAreDueOnAFixedGridOfEachPhasesRate() {
        assertThat(plan.dueNanos(0)).isZero();
        assertThat(plan.dueNanos(1)).isEqualTo(100_000_000L);
        assertThat(plan.dueNanos(19)).isEqualTo(1_900_000_000L);
        assertThat(plan.dueNanos(20)).isEqualTo(2 * S);              // the overload starts on time
        assertThat(plan.dueNanos(21)).isEqualTo(2 * S + 33_333_333L); // at three times the rate
        assertThat(plan.dueNanos(110)).isEqualTo(5 * S);
        assertThat(plan.dueNanos(129)).isEqualTo(6_900_000_000L);
        for (int i = 1; i < plan.total(); i++) {
            assertThat(plan.dueNanos(i)).isGreaterThan(plan.dueNanos(i - 1));
        }
    }

    @Test
    void everyMessageBelongsToOnePhaseAndOneSecondOfIt() {
        assertThat(plan.totalSeconds()).isEqualTo(7);
        assertThat(plan.phaseOf(19)).isZero();
        assertThat(plan.phaseOf(20)).isEqualTo(1);
        assertThat(plan.phaseOf(109)).isEqualTo(1);
        assertThat(plan.phaseOf(110)).isEqualTo(2);
        assertThat(plan.secondOf(9)).isZero();
        assertThat(plan.secondOf(10)).isEqualTo(1);
        assertThat(plan.secondOf(20)).isEqualTo(2);
        assertThat(plan.secondOf(109)).isEqualTo(4);
        assertThat(plan.secondOf(110)).isEqualTo(5);
        assertThat(plan.firstSecond(2)).isEqualTo(5);
        int[] perSecond = new int[plan.totalSeconds()];
        for (int i = 0; i < plan.total(); i++) {
            perSecond[plan.secondOf(i)]++;
        }
        assertThat(perSecond).containsExactly(10, 10, 30, 30, 30, 10, 10);
        assertThat(plan.phaseOfSecond(1)).isZero();
        assertThat(plan.phaseOfSecond(2)).isEqualTo(1);
        assertThat(plan.phaseOfSecond(6)).isEqualTo(2);
    }

    @Test
    void aPartialSecondStaysInsideItsPhase() {
        OverloadPlan partial = new OverloadPlan(List.of(
                new Phase("baseline", 10, Duration.ofMillis(1_500)),
                new Phase("overload", 20, Duration.ofSeconds(1))));
        assertThat(partial.count(0)).isEqualTo(15);
        assertThat(partial.seconds(0)).isEqualTo(2);
        assertThat(partial.totalSeconds()).isEqualTo(3);
        assertThat(partial.secondOf(14)).isEqualTo(1);
        assertThat(partial.secondOf(15)).isEqualTo(2); // the overload's first second, not the baseline's second
        assertThat(partial.dueNanos(15)).isEqualTo(1_500_000_000L);
    }

    @Test
    void anEmptyBaselineIsSkipped() {
        OverloadPlan noBaseline = new OverloadPlan(List.of(
                new Phase("baseline", 10, Duration.ZERO),
                new Phase("overload", 30, Duration.ofSeconds(1)),
                new Phase("recovery", 10, Duration.ofSeconds(1))));
        assertThat(noBaseline.count(0)).isZero();
        assertThat(noBaseline.phaseOf(0)).isEqualTo(1);
        assertThat(noBaseline.secondOf(0)).isZero();
        assertThat(noBaseline.phaseOfSecond(0)).isEqualTo(1);
        assertThat(noBaseline.phaseAt(0)).isEqualTo(1);
    }

    @Test
    void phaseAtTellsBeforeDuringAndAfter() {
        assertThat(plan.phaseAt(-1)).isEqualTo(-1);
        assertThat(plan.phaseAt(0)).isZero();
        assertThat(plan.phaseAt(2 * S - 1)).isZero();
        assertThat(plan.phaseAt(2 * S)).isEqualTo(1);
        assertThat(plan.phaseAt(7 * S - 1)).isEqualTo(2);
        assertThat(plan.phaseAt(7 * S)).isEqualTo(3);
    }

    @Test
    void theOptionsMakeBaselineOverloadAndRecovery() {
        BenchOptions options = BenchOptions.parse(new String[] {"--mode", "overload", "--rate", "300",
                "--baseline", "10s", "--overload", "30s", "--recovery", "20s"});
        OverloadPlan fromOptions = OverloadPlan.of(options);
        assertThat(fromOptions.phase(0).name()).isEqualTo("baseline");
        assertThat(fromOptions.phase(1).rate()).isEqualTo(900);
        assertThat(fromOptions.total()).isEqualTo(3_000 + 27_000 + 6_000);
        assertThat(fromOptions.totalSeconds()).isEqualTo(60);
        assertThatThrownBy(() -> new Phase("x", 0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGivenWarmupComesFirstAndTheRecoveryStaysLast() {
        OverloadPlan warmed = OverloadPlan.of(BenchOptions.parse(new String[] {"--mode", "overload", "--rate", "100",
                "--warmup", "5s"}));
        assertThat(warmed.phases()).isEqualTo(4);
        assertThat(warmed.phase(0).name()).isEqualTo("warm-up");
        assertThat(warmed.count(0)).isEqualTo(500);
        assertThat(warmed.phase(3).name()).isEqualTo("recovery");
        assertThat(warmed.startNanos(1)).isEqualTo(5 * S);
    }
}
