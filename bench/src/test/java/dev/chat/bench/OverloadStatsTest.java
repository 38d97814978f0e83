package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chat.bench.OverloadPlan.Phase;
import dev.chat.bench.OverloadStats.Outcome;
import dev.chat.bench.OverloadStats.Recovery;

class OverloadStatsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void answersAreClassifiedByStatusAndRetryAfter() {
        assertThat(OverloadStats.classify(201, false)).isEqualTo(Outcome.ACCEPTED);
        assertThat(OverloadStats.classify(200, false)).isEqualTo(Outcome.ACCEPTED);
        assertThat(OverloadStats.classify(503, true)).isEqualTo(Outcome.REFUSED_503_RETRY_AFTER);
        assertThat(OverloadStats.classify(503, false)).isEqualTo(Outcome.REFUSED_503);
        assertThat(OverloadStats.classify(429, true)).isEqualTo(Outcome.TOO_MANY_REQUESTS);
        assertThat(OverloadStats.classify(404, false)).isEqualTo(Outcome.OTHER_4XX);
        assertThat(OverloadStats.classify(500, false)).isEqualTo(Outcome.OTHER_5XX);
        assertThat(OverloadStats.classify(504, true)).isEqualTo(Outcome.OTHER_5XX);
        assertThat(OverloadStats.classify(302, false)).isEqualTo(Outcome.OTHER_STATUS);
        assertThat(Outcome.TOO_MANY_REQUESTS.isRefusal()).isTrue();
        assertThat(Outcome.OTHER_5XX.isRefusal()).isFalse();
    }

    @Test
    void problemJsonIsRecognisedWhateverItsParametersAndCase() {
        assertThat(OverloadStats.isProblemJson(PROBLEM)).isTrue();
        assertThat(OverloadStats.isProblemJson("Application/Problem+JSON; charset=utf-8")).isTrue();
        assertThat(OverloadStats.isProblemJson("application/json")).isFalse();
        assertThat(OverloadStats.isProblemJson("text/html;charset=UTF-8")).isFalse();
        assertThat(OverloadStats.isProblemJson(null)).isFalse();
    }

    @Test
    void eachSendIsCountedForItsPhaseAndItsSecond() {
        OverloadStats stats = new OverloadStats(2, 3);
        stats.offered(0, 0, 0);
        stats.answered(0, 0, 201, false, "application/json", 4_000);
        stats.offered(1, 1, 0);
        stats.answered(1, 1, 503, true, PROBLEM, 800);
        stats.offered(1, 1, 0);
        stats.answered(1, 1, 503, false, "text/plain", 900);
        stats.offered(1, 2, 0);
        stats.answered(1, 2, 429, false, PROBLEM, 700);
        stats.offered(1, 2, 0);
        stats.answered(1, 2, 500, false, PROBLEM, 20_000);
        stats.offered(1, 2, 0);
        stats.failed(1, 2, "timeout", "request timed out");
        stats.offered(1, 2, 0);
        stats.dropped(1, 2);
        stats.offered(1, 2, 0);
        stats.answered(1, 2, 201, false, null, 30_000);

        assertThat(stats.offered(0)).isEqualTo(1);
        assertThat(stats.offered(1)).isEqualTo(7);
        assertThat(stats.count(0, Outcome.ACCEPTED)).isEqualTo(1);
        assertThat(stats.count(1, Outcome.ACCEPTED)).isEqualTo(1);
        assertThat(stats.refused503(1)).isEqualTo(2);
        assertThat(stats.count(1, Outcome.REFUSED_503)).isEqualTo(1);
        assertThat(stats.count(1, Outcome.TOO_MANY_REQUESTS)).isEqualTo(1);
        assertThat(stats.otherErrors(1)).isEqualTo(2); // the 500 and the timeout
        assertThat(stats.count(1, Outcome.CLIENT_DROPPED)).isEqualTo(1);
        assertThat(stats.outcomes(1)).containsEntry("503+Retry-After", 1L).containsEntry("client-dropped", 1L)
                .doesNotContainKey("other 4xx");
        assertThat(stats.transportKinds()).containsEntry("timeout", 1L);

        assertThat(stats.offeredAt(1)).isEqualTo(2);
        assertThat(stats.refused503At(1)).isEqualTo(2);
        assertThat(stats.offeredAt(2)).isEqualTo(5);
        assertThat(stats.countAt(2, Outcome.ACCEPTED)).isEqualTo(1);
        assertThat(stats.otherErrorsAt(2)).isEqualTo(2);
        assertThat(stats.countAt(2, Outcome.CLIENT_DROPPED)).isEqualTo(1);
    }

    @Test
    void acceptancesAndRefusalsAreTimedApartAndOnlyNon2xxMustBeProblemJson() {
        OverloadStats stats = new OverloadStats(1, 1);
        stats.answered(0, 0, 201, false, "application/json", 40_000);
        stats.answered(0, 0, 503, true, PROBLEM, 1_000);
        stats.answered(0, 0, 429, false, "text/html", 2_000);
        stats.answered(0, 0, 500, false, PROBLEM, 90_000);

        assertThat(stats.accepted(0).count()).isEqualTo(1);
        assertThat(stats.accepted(0).max()).isEqualTo(40_000);
        assertThat(stats.acceptedAt(0).count()).isEqualTo(1);
        assertThat(stats.refused(0).count()).isEqualTo(2); // the 500 is an error, not a refusal
        assertThat(stats.refused(0).max()).isEqualTo(2_000);
        assertThat(stats.notProblemJson(0)).isEqualTo(1);
        assertThat(stats.notProblemSamples()).containsExactly("429 Content-Type: text/html");
    }

    @Test
    void recoveryIsTheFirstSecondWithNearlyAllAcceptedAndNo503() {
        // seconds 0-1 overload, 2-6 recovery at 100/s
        long[] offered = {300, 300, 100, 100, 100, 100, 100};
        long[] accepted = {150, 150, 60, 96, 95, 100, 100};
        long[] refused = {150, 150, 40, 1, 0, 0, 0};
        Recovery recovery = OverloadStats.recovery(offered, accepted, refused, 2, 7, 0.95);
        assertThat(recovery.recovered()).isTrue();
        assertThat(recovery.firstGood()).isEqualTo(2);  // 96 accepted but one 503: not yet
        assertThat(recovery.seconds()).isEqualTo(3);    // by the end of the recovery's third second
        assertThat(recovery.laterBad()).isZero();
        assertThat(recovery.describe(0.95)).contains("within 3 s", "held");
    }

    @Test
    void aFirstSecondAtFullThroughputMeansRecoveryWithinOneSecondAndRelapsesAreCounted() {
        long[] offered = {100, 100, 100, 100};
        long[] accepted = {100, 80, 100, 100};
        long[] refused = {0, 0, 0, 0};
        Recovery recovery = OverloadStats.recovery(offered, accepted, refused, 0, 4, 0.95);
        assertThat(recovery.seconds()).isEqualTo(1);
        assertThat(recovery.laterBad()).isEqualTo(1);
        assertThat(recovery.describe(0.95)).contains("1 of the 3 later seconds");
    }

    @Test
    void noGoodSecondMeansNotRecoveredAndAnEmptySecondIsNotGood() {
        long[] offered = {0, 100, 100};
        long[] accepted = {0, 94, 50};
        long[] refused = {0, 0, 50};
        Recovery recovery = OverloadStats.recovery(offered, accepted, refused, 0, 3, 0.95);
        assertThat(recovery.recovered()).isFalse();
        assertThat(recovery.seconds()).isEqualTo(-1);
        assertThat(recovery.describe(0.95)).startsWith("NOT back");
    }

    @Test
    void recoveryReadsTheRecoveryPhasesSecondsOfARun() {
        OverloadPlan plan = new OverloadPlan(List.of(
                new Phase("overload", 30, Duration.ofSeconds(1)),
                new Phase("recovery", 10, Duration.ofSeconds(2))));
        OverloadStats stats = new OverloadStats(plan.phases(), plan.totalSeconds());
        for (int i = 0; i < plan.total(); i++) {
            int phase = plan.phaseOf(i);
            int second = plan.secondOf(i);
            stats.offered(phase, second, 0);
            boolean refuse = second == 1 && i % 2 == 0; // half refused in the recovery's first second
            stats.answered(phase, second, refuse || phase == 0 ? 503 : 201, true, PROBLEM, 1_000);
        }
        Recovery recovery = stats.recovery(plan, 1, 0.95);
        assertThat(recovery.firstGood()).isEqualTo(1);
        assertThat(recovery.seconds()).isEqualTo(2);
        assertThat(recovery.recoverySeconds()).isEqualTo(2);
    }
}
