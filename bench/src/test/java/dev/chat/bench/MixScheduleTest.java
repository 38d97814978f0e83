package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chat.bench.OperationMix.Kind;

class MixScheduleTest {

    private static final long MS = 1_000_000L;

    /** One item of the merged schedule, as the scheduler sees it. */
    private record Item(int kind, int index, long due) {}

    private static List<Item> walk(MixSchedule schedule) {
        List<Item> items = new ArrayList<>();
        while (schedule.next()) {
            items.add(new Item(schedule.kind(), schedule.index(), schedule.due()));
        }
        return items;
    }

    private static long countOf(List<Item> items, int kind) {
        return items.stream().filter(i -> i.kind() == kind).count();
    }

    @Test
    void withoutAMixTheScheduleIsTheMessagesAloneAtIOverRate() {
        List<Item> items = walk(new MixSchedule(7, 2, 3, OperationMix.NONE));
        assertThat(items).extracting(Item::kind).containsOnly(MixSchedule.MESSAGE);
        assertThat(items).extracting(Item::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
        for (Item item : items) {
            assertThat(item.due()).isEqualTo(Math.round(item.index() * (1e9 / 3)));
        }
    }

    @Test
    void aRealisticMixAddsRateTimesRatioOperationsOfEachKindOverTheWholeRun() {
        // 100 msg/s for 10 s (2 s of it warm-up): 1,000 messages, 500 reactions, 500 reads, 50 edits.
        MixSchedule schedule = new MixSchedule(1_000, 200, 100, OperationMix.REALISTIC);
        assertThat(schedule.count(Kind.REACTION)).isEqualTo(500);
        assertThat(schedule.count(Kind.READ)).isEqualTo(500);
        assertThat(schedule.count(Kind.EDIT)).isEqualTo(50);
        assertThat(schedule.measured(Kind.REACTION)).isEqualTo(400);
        assertThat(schedule.measured(Kind.READ)).isEqualTo(400);
        assertThat(schedule.measured(Kind.EDIT)).isEqualTo(40);

        List<Item> items = walk(schedule);
        assertThat(countOf(items, MixSchedule.MESSAGE)).isEqualTo(1_000);
        assertThat(countOf(items, Kind.REACTION.ordinal())).isEqualTo(500);
        assertThat(countOf(items, Kind.READ.ordinal())).isEqualTo(500);
        assertThat(countOf(items, Kind.EDIT.ordinal())).isEqualTo(50);
        assertThat(items.getLast().due()).as("nothing after the messages' window").isLessThan(10_000 * MS);
    }

    @Test
    void operationsComeDueOnTheirOwnGridInterleavedWithTheMessagesNotAfterThem() {
        List<Item> items = walk(new MixSchedule(1_000, 0, 100, OperationMix.REALISTIC));
        for (int k = 1; k < items.size(); k++) {
            assertThat(items.get(k).due()).isGreaterThanOrEqualTo(items.get(k - 1).due());
        }
        // Message i at 10 ms x i; reaction j a quarter interval after message 2j, read j half an interval after it,
        // edit j three quarters of an interval after message 20j.
        assertThat(items.subList(0, 6)).containsExactly(
                new Item(MixSchedule.MESSAGE, 0, 0),
                new Item(Kind.REACTION.ordinal(), 0, 2_500_000),
                new Item(Kind.READ.ordinal(), 0, 5_000_000),
                new Item(Kind.EDIT.ordinal(), 0, 7_500_000),
                new Item(MixSchedule.MESSAGE, 1, 10 * MS),
                new Item(MixSchedule.MESSAGE, 2, 20 * MS));
        // Every two message intervals hold exactly one reaction and one read, whatever the answers do.
        for (long from = 0; from < 10_000 * MS; from += 20 * MS) {
            long start = from;
            List<Item> window = items.stream().filter(i -> i.due() >= start && i.due() < start + 20 * MS).toList();
            assertThat(countOf(window, MixSchedule.MESSAGE)).isEqualTo(2);
            assertThat(countOf(window, Kind.REACTION.ordinal())).isEqualTo(1);
            assertThat(countOf(window, Kind.READ.ordinal())).isEqualTo(1);
        }
    }

    @Test
    void anOperationIsMeasuredWhenItIsDueFromTheFirstMeasuredMessagesTimeOn() {
        MixSchedule schedule = new MixSchedule(100, 10, 100, new OperationMix("custom", 0.5, 0, 0.1));
        // The first measured message (10) is due at 100 ms; reactions at 2.5, 22.5, ... ms: the 6th (index 5, 102.5 ms)
        // is the first measured. Edits at 7.5, 107.5, ... ms: the second one.
        assertThat(schedule.isMeasured(Kind.REACTION, 4)).isFalse();
        assertThat(schedule.isMeasured(Kind.REACTION, 5)).isTrue();
        assertThat(schedule.dueNanos(Kind.REACTION, 5)).isEqualTo(102_500_000L);
        assertThat(schedule.isMeasured(Kind.EDIT, 0)).isFalse();
        assertThat(schedule.isMeasured(Kind.EDIT, 1)).isTrue();
        assertThat(schedule.count(Kind.READ)).isZero();
        assertThat(walk(schedule)).noneMatch(i -> i.kind() == Kind.READ.ordinal());
    }

    @Test
    void ratiosAboveOneScheduleSeveralOperationsPerMessage() {
        MixSchedule schedule = new MixSchedule(10, 0, 1, new OperationMix("custom", 0, 3, 0));
        // reads at 0.5 s + j/3 s, before the 10 s the messages take: j = 0..28
        assertThat(schedule.count(Kind.READ)).isEqualTo(29);
        List<Item> items = walk(schedule);
        // between message 0 (0 s) and message 1 (1 s): reads at 0.5 s and 0.833 s; the third is at 1.167 s
        assertThat(items.subList(0, 4)).extracting(Item::kind).containsExactly(MixSchedule.MESSAGE,
                Kind.READ.ordinal(), Kind.READ.ordinal(), MixSchedule.MESSAGE);
        assertThat(items.getLast().due()).isLessThan(10_000 * MS);
    }

    @Test
    void aTieGoesToTheMessage() {
        // Reads every 2 intervals, offset by half an interval: read j at (0.5 + 2j) intervals never ties; a ratio of
        // 2/3 puts read 1 at 0.5 + 1.5 = 2 intervals, on message 2.
        MixSchedule schedule = new MixSchedule(4, 0, 1, new OperationMix("custom", 0, 2.0 / 3, 0));
        List<Item> items = walk(schedule);
        int message2 = items.indexOf(new Item(MixSchedule.MESSAGE, 2, 2_000 * MS));
        assertThat(items.get(message2 + 1)).isEqualTo(new Item(Kind.READ.ordinal(), 1, 2_000 * MS));
    }
}
