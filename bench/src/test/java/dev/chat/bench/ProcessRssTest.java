package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessRssTest {

    @Test
    void readsVmRssInKib() {
        assertThat(ProcessRss.parseVmRss(List.of("Name:\tjava", "VmHWM:\t  900 kB", "VmRSS:\t  123456 kB", "Threads: 9")))
                .isEqualTo(123_456);
        assertThat(ProcessRss.parseVmRss(List.of("Name:\tkthreadd"))).isEqualTo(-1);
    }

    @Test
    void aLiveProcessHasAPositiveRssAndAMissingOneHasNone() {
        assertThat(ProcessRss.kib(List.of(ProcessHandle.current().pid()))).isPositive();
        assertThat(ProcessRss.kib(List.of(Long.MAX_VALUE))).isEqualTo(-1);
    }
}
