package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsDescribeASmallDmRunAgainstTheLocalGateway() {
        BenchOptions options = BenchOptions.parse(new String[0]);
        assertThat(options.url().toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(options.webSocketUri().toString()).isEqualTo("ws://127.0.0.1:8080/ws");
        assertThat(options.mode()).isEqualTo("dm");
        assertThat(options.users()).isEqualTo(100);
        assertThat(options.concurrency()).isEqualTo(64);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmupMessages()).isEqualTo(1_000);
        assertThat(options.measuredMessages()).isEqualTo(3_000);
        assertThat(options.runId()).matches("[a-z0-9]{6}");
        assertThat(options.idleSockets()).isZero();
        assertThat(options.mix()).isEqualTo(OperationMix.NONE);
        assertThat(options.mix().isNone()).isTrue();
        assertThat(options.mixConcurrency()).as("the sends' bound, on connections of their own").isEqualTo(64);
    }

    @Test
    void keyValuePairsInBothSpellingsOverrideTheDefaults() {
        BenchOptions options = BenchOptions.parse(new String[] {
                "--url", "https://chat.example/", "--mode", "group", "--group-size=5", "--users", "50",
                "--rate", "2.5", "--warmup", "0", "--duration", "2m", "--drain", "1500ms", "--presence-pid", "12,13",
                "--run-id", "abc1", "--seed", "7"});
        assertThat(options.webSocketUri().toString()).isEqualTo("wss://chat.example/ws");
        assertThat(options.groupSize()).isEqualTo(5);
        assertThat(options.rate()).isEqualTo(2.5);
        assertThat(options.warmupMessages()).isZero();
        assertThat(options.measuredMessages()).isEqualTo(300);
        assertThat(options.drain()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(options.presencePids()).isEqualTo(List.of(12L, 13L));
        assertThat(options.runId()).isEqualTo("abc1");
        assertThat(options.seed()).isEqualTo(7);
    }

    @Test
    void durationsTakeUnitsOrPlainSeconds() {
        assertThat(BenchOptions.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(BenchOptions.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(BenchOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchOptions.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(BenchOptions.parseDuration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> BenchOptions.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.parseDuration("-1s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mistakesAreRejectedWithTheOptionNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rat", "5"})).hasMessageContaining("--rat");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate"})).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate", "0"})).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--users", "1"})).hasMessageContaining("--users");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "channel"})).hasMessageContaining("--mode")
                .hasMessageContaining("overload");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "group", "--users", "4", "--group-size", "5"}))
                .hasMessageContaining("--group-size");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--run-id", "Bad_Id"})).hasMessageContaining("--run-id");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--url", "ftp://x"})).hasMessageContaining("--url");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"users", "5"})).hasMessageContaining("--key value");
    }

    @Test
    void helpListsEveryOption() {
        assertThat(BenchOptions.usage()).contains("--url", "--mode", "--group-size", "--rate", "--warmup", "--duration",
                "--drain", "--concurrency", "--idle-sockets", "--hold", "--presence-pid", "--baseline", "--overload",
                "--overload-factor", "--recovery", "--pids", "client-dropped", "--mix", "--reactions-per-message",
                "--reads-per-message", "--edits-per-message", "--mix-concurrency");
    }

    @Test
    void aRealisticMixIsOneReactionAndOneReadCursorMovePerTwoMessagesAndAnEditPerTwenty() {
        BenchOptions options = BenchOptions.parse(new String[] {"--mode", "group", "--mix", "realistic"});
        assertThat(options.mix().name()).isEqualTo("realistic");
        assertThat(options.mix().reactionsPerMessage()).isEqualTo(0.5);
        assertThat(options.mix().readsPerMessage()).isEqualTo(0.5);
        assertThat(options.mix().editsPerMessage()).isEqualTo(0.05);
        assertThat(options.mix().describe())
                .isEqualTo("realistic (per message: 0.5 reactions, 0.5 read-cursor moves, 0.05 edits)");
        assertThat(BenchOptions.parse(new String[] {"--mix=REALISTIC"}).mix()).isEqualTo(OperationMix.REALISTIC);
    }

    @Test
    void eachRatioGivenOnItsOwnReplacesThePresetsAndMakesTheMixCustom() {
        BenchOptions noEdits = BenchOptions.parse(new String[] {"--mix", "realistic", "--edits-per-message", "0"});
        assertThat(noEdits.mix()).isEqualTo(new OperationMix("custom", 0.5, 0.5, 0));

        BenchOptions readsOnly = BenchOptions.parse(new String[] {"--reads-per-message", "2", "--mix-concurrency", "8"});
        assertThat(readsOnly.mix()).isEqualTo(new OperationMix("custom", 0, 2, 0));
        assertThat(readsOnly.mix().isNone()).isFalse();
        assertThat(readsOnly.mixConcurrency()).isEqualTo(8);

        BenchOptions same = BenchOptions.parse(new String[] {"--mix", "realistic", "--reactions-per-message", "0.5"});
        assertThat(same.mix().name()).as("the preset's own value changes nothing").isEqualTo("realistic");
        assertThat(BenchOptions.parse(new String[] {"--concurrency", "16"}).mixConcurrency()).isEqualTo(16);
    }

    @Test
    void aMixIsRefusedOutsideTheDmAndGroupModesAndWithBadRatios() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mix", "heavy"})).hasMessageContaining("--mix");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--reactions-per-message", "-1"}))
                .hasMessageContaining("--reactions-per-message");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--reads-per-message", "lots"}))
                .hasMessageContaining("--reads-per-message");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--edits-per-message", "11"}))
                .hasMessageContaining("--edits-per-message");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mix-concurrency", "0"}))
                .hasMessageContaining("--mix-concurrency");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "overload", "--mix", "realistic"}))
                .hasMessageContaining("--mode dm and group");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--idle-sockets", "10", "--reads-per-message", "1"}))
                .hasMessageContaining("--mode dm and group");
        assertThat(BenchOptions.parse(new String[] {"--mode", "overload", "--mix", "none"}).mix().isNone()).isTrue();
    }

    @Test
    void overloadModeDefaultsToFifteenSixtyThirtySecondsAtThreeTimesTheRateWithAGenerousSendCap() {
        BenchOptions options = BenchOptions.parse(new String[] {"--mode", "overload", "--rate", "300"});
        assertThat(options.mode()).isEqualTo("overload");
        assertThat(options.baseline()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.overload()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.overloadFactor()).isEqualTo(3.0);
        assertThat(options.recovery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.concurrency()).isEqualTo(BenchOptions.OVERLOAD_CONCURRENCY);
        assertThat(options.pids()).isEqualTo("auto");
        assertThat(options.warmup()).as("no warm-up phase unless asked for").isZero();

        BenchOptions capped = BenchOptions.parse(new String[] {"--mode=overload", "--concurrency", "64",
                "--overload-factor", "2.5", "--pids", "gateway=1,message=2"});
        assertThat(capped.concurrency()).isEqualTo(64);
        assertThat(capped.overloadFactor()).isEqualTo(2.5);
        assertThat(BenchOptions.parse(new String[0]).concurrency()).as("other modes keep theirs").isEqualTo(64);
    }

    @Test
    void anOverloadRunNeedsAnOverloadAndARecoveryThatFitTheTokenLifetime() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "overload", "--overload", "0"}))
                .hasMessageContaining("--overload");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "overload", "--recovery", "0"}))
                .hasMessageContaining("--recovery");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "overload", "--overload-factor", "0"}))
                .hasMessageContaining("--overload-factor");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "overload", "--overload", "15m"}))
                .hasMessageContaining("15 min");
        assertThat(BenchOptions.parse(new String[] {"--mode", "overload", "--baseline", "0"}).baseline()).isZero();
    }
}
