package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chat.bench.ServiceProcesses.Resolution;
import dev.chat.bench.ServiceProcesses.Watched;

class ServiceProcessesTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void pidsAreGivenAsNameEqualsPidPairs() {
        assertThat(ServiceProcesses.parsePairs("gateway=10, message=11,presence-1=12"))
                .containsExactly(java.util.Map.entry("gateway", 10L), java.util.Map.entry("message", 11L),
                        java.util.Map.entry("presence-1", 12L));
        assertThatThrownBy(() -> ServiceProcesses.parsePairs("gateway=x")).hasMessageContaining("--pids");
        assertThatThrownBy(() -> ServiceProcesses.parsePairs("=10")).hasMessageContaining("--pids");
        assertThatThrownBy(() -> ServiceProcesses.parsePairs("a=1,a=2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--mode", "overload", "--pids", "gateway=-1"}))
                .hasMessageContaining("--pids");
    }

    @Test
    void statFieldsAreReadAfterTheCommandNameWhateverItHolds() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 30 0 987654 123 456";
        assertThat(ServiceProcesses.parseState(stat)).isEqualTo('S');
        assertThat(ServiceProcesses.parseStartTicks(stat)).isEqualTo(987_654);
        assertThat(ServiceProcesses.parseStartTicks("garbage")).isEqualTo(-1);
        assertThat(ServiceProcesses.parseState("1 (zombie) Z 1")).isEqualTo('Z');
    }

    @Test
    void theChatNameMarkerMustBeAWholeArgument() {
        byte[] cmdline = "java\0-Dchat.name=message\0-jar\0message-service.jar\0".getBytes(StandardCharsets.UTF_8);
        assertThat(ServiceProcesses.hasMarker(cmdline, "message")).isTrue();
        assertThat(ServiceProcesses.hasMarker(cmdline, "mess")).isFalse();
        assertThat(ServiceProcesses.hasMarker(null, "message")).isFalse();
    }

    @Test
    void aLivePairIsWatchedAndADeadOneIsRefused() {
        Resolution resolution = ServiceProcesses.resolve("me=" + SELF, null);
        assertThat(resolution.processes()).extracting(Watched::name).containsExactly("me");
        assertThat(ServiceProcesses.alive(resolution.processes().getFirst())).isTrue();
        assertThat(ServiceProcesses.alive(new Watched("me", SELF, resolution.processes().getFirst().startTicks() + 1)))
                .as("same pid, another start time: a recycled pid").isFalse();
        assertThatThrownBy(() -> ServiceProcesses.resolve("gone=" + Integer.MAX_VALUE, null))
                .isInstanceOf(SetupException.class);
    }

    @Test
    void aPidDirectoryLikeChatUpWritesSkipsStaleFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("message.pid"), SELF + "\n"); // this JVM has no -Dchat.name=message
        Files.writeString(dir.resolve("broken.pid"), "x");
        Resolution resolution = ServiceProcesses.resolve(dir.toString(), null);
        assertThat(resolution.processes()).isEmpty();
        assertThat(resolution.notes()).anyMatch(n -> n.contains("message") && n.contains("stale"))
                .anyMatch(n -> n.contains("broken.pid"));
        assertThat(ServiceProcesses.resolve("none", null).processes()).isEmpty();
        assertThat(ServiceProcesses.resolve("auto", dir).notes()).anyMatch(n -> n.contains("run/pids"));
    }

    @Test
    void samplesKeepTheHighestRssPerColumnAndNoteAProcessGone() {
        ServiceProcesses watch = new ServiceProcesses(List.of(
                new Watched("me", SELF, ServiceProcesses.startTicks(SELF)),
                new Watched("gone", Integer.MAX_VALUE, 1)), 3);
        watch.sample(1);
        assertThat(watch.maxKib(0, 1)).isPositive();
        assertThat(watch.maxKib(0, 0)).isEqualTo(-1);
        assertThat(watch.goneIn(0)).isEqualTo(-1);
        assertThat(watch.goneIn(1)).isEqualTo(1);
        watch.sample(2);
        assertThat(watch.goneIn(1)).as("the first column it was missing in").isEqualTo(1);

        watch.record(0, 0, 100);
        watch.record(0, 0, 300);
        watch.record(0, 0, 200);
        assertThat(watch.maxKib(0, 0)).isEqualTo(300);
    }
}
