package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chat.bench.DeliveryTracker.Outcome;
import dev.chat.bench.DeliveryTracker.Tally;

/**
 * Users 0..3; conversation 0 is the DM of users 0 and 1, conversation 1 the group of users 1, 2 and 3
 * (user 1 is in both). Messages 0 and 1 are warm-up, the rest measured. Times are in nanoseconds.
 */
class DeliveryTrackerTest {

    private static final String DM = "c-dm";
    private static final String GROUP = "c-group";
    private static final int WARMUP = 2;

    private final ClientMessageIds ids = new ClientMessageIds(0x5eed_5eed_5eed_5eedL);
    private LatencyHistogram latency;
    private DeliveryTracker tracker;

    @BeforeEach
    void setUp() {
        latency = new LatencyHistogram(3_600_000_000L);
        tracker = new DeliveryTracker(
                List.of(new DeliveryTracker.Conversation(DM, new int[] {0, 1}),
                        new DeliveryTracker.Conversation(GROUP, new int[] {1, 2, 3})),
                new String[] {"u0", "u1", "u2", "u3"}, ids, 10, WARMUP, latency);
    }

    /** Schedules message {@code index} in {@code conversation} from member position {@code senderPos}, sent OK. */
    private void sent(int index, int conversation, int senderPos, long scheduledAt) {
        tracker.scheduled(index, conversation, senderPos, scheduledAt);
        tracker.sendCompleted(index, true);
    }

    private Outcome frame(int user, int index, String conversationId, long seq, long arrival) {
        return tracker.onMessageCreated(user, arrival, conversationId, seq, ids.encode(index));
    }

    @Test
    void everyMemberGettingEveryMessageOnceIsACleanRun() {
        sent(2, 0, 0, 1_000);
        sent(3, 1, 0, 2_000);
        assertThat(frame(1, 2, DM, 1, 5_000)).isEqualTo(Outcome.DELIVERED);
        assertThat(frame(2, 3, GROUP, 1, 6_000)).isEqualTo(Outcome.DELIVERED);
        assertThat(frame(3, 3, GROUP, 1, 7_000)).isEqualTo(Outcome.DELIVERED);

        Tally tally = tracker.tally(4);
        assertThat(tally.measured().expected).isEqualTo(3);
        assertThat(tally.measured().received).isEqualTo(3);
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicates()).isZero();
        assertThat(tally.outOfOrder()).isZero();
        assertThat(tally.failed()).isFalse();
        assertThat(tally.warmup().sent).isZero(); // indices 0 and 1 were never scheduled
        assertThat(tally.sendsUnanswered()).isZero();
        assertThat(tracker.allDelivered(4)).isTrue();
    }

    @Test
    void aMemberThatNeverGetsTheFrameIsCountedLostWithAnExample() {
        sent(0, 1, 2, 1_000);
        frame(1, 0, GROUP, 1, 5_000);

        Tally tally = tracker.tally(1);
        assertThat(tally.lost()).isEqualTo(1);
        assertThat(tally.warmup().lost).isEqualTo(1);
        assertThat(tally.failed()).isTrue();
        assertThat(tally.lostExamples()).singleElement().asString()
                .contains(ids.encode(0), "conversation=" + GROUP, "sender=u3", "recipient=u2", "(warm-up)");
        assertThat(tracker.allDelivered(1)).isFalse();

        frame(2, 0, GROUP, 1, 6_000);
        assertThat(tracker.allDelivered(1)).isTrue();
        assertThat(tracker.tally(1).lost()).isZero();
    }

    @Test
    void theSameMessageTwiceOnOneSocketIsOneDeliveryAndOneDuplicate() {
        sent(2, 0, 1, 1_000);
        assertThat(frame(0, 2, DM, 4, 5_000)).isEqualTo(Outcome.DELIVERED);
        assertThat(frame(0, 2, DM, 4, 6_000)).isEqualTo(Outcome.DUPLICATE);

        Tally tally = tracker.tally(3);
        assertThat(tally.measured().received).isEqualTo(1);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.outOfOrder()).isZero();
        assertThat(tally.failed()).isTrue();
        assertThat(latency.count()).isEqualTo(1);
    }

    @Test
    void aLowerSeqThanOneAlreadySeenInThatConversationIsOutOfOrder() {
        sent(2, 1, 0, 1_000);
        sent(3, 1, 0, 2_000);
        sent(4, 0, 0, 3_000);
        assertThat(frame(2, 3, GROUP, 8, 5_000)).isEqualTo(Outcome.DELIVERED);
        assertThat(frame(2, 2, GROUP, 7, 5_500)).isEqualTo(Outcome.OUT_OF_ORDER);
        // user 1: a low seq in the DM after a high one in the group is fine, conversations are independent
        assertThat(frame(1, 4, DM, 1, 6_000)).isEqualTo(Outcome.DELIVERED);

        Tally tally = tracker.tally(5);
        assertThat(tally.outOfOrder()).isEqualTo(1);
        assertThat(tally.measured().received).isEqualTo(3); // out of order is still delivered
        assertThat(tally.duplicates()).isZero();
    }

    @Test
    void theSendersOwnCopyIsCountedApartAndNeitherExpectedNorTimed() {
        sent(2, 0, 0, 1_000);
        assertThat(frame(0, 2, DM, 1, 2_000)).isEqualTo(Outcome.ECHO);

        Tally tally = tracker.tally(3);
        assertThat(tally.echoes()).isEqualTo(1);
        assertThat(tally.measured().expected).isEqualTo(1);
        assertThat(tally.measured().received).isZero();
        assertThat(tally.lost()).isEqualTo(1);
        assertThat(latency.count()).isZero();
        assertThat(frame(0, 2, DM, 1, 3_000)).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void failedSendsExpectNothingAndTheirStrayDeliveriesAreCountedApart() {
        tracker.scheduled(2, 0, 0, 1_000);
        tracker.sendCompleted(2, false);
        tracker.scheduled(3, 0, 1, 1_000);
        tracker.sendCompleted(3, false);
        frame(1, 2, DM, 1, 5_000);

        Tally tally = tracker.tally(4);
        assertThat(tally.sendsFailed()).isEqualTo(2);
        assertThat(tally.measured().sent).isEqualTo(2);
        assertThat(tally.measured().succeeded).isZero();
        assertThat(tally.measured().expected).isZero();
        assertThat(tally.lost()).isZero();
        assertThat(tally.deliveriesOfFailedSends()).isEqualTo(1);
    }

    @Test
    void aSendWithoutAnyResponseIsNeitherDeliveredNorLost() {
        tracker.scheduled(2, 0, 0, 1_000);
        assertThat(tracker.allDelivered(3)).isFalse();
        Tally tally = tracker.tally(3);
        assertThat(tally.sendsUnanswered()).isEqualTo(1);
        assertThat(tally.lost()).isZero();
    }

    @Test
    void framesOfOtherRunsAndUnscheduledIndicesAreForeign() {
        sent(2, 0, 0, 1_000);
        ClientMessageIds otherRun = new ClientMessageIds(0x0123_4567_89ab_cdefL);
        assertThat(tracker.onMessageCreated(1, 5_000, DM, 1, otherRun.encode(2))).isEqualTo(Outcome.FOREIGN);
        assertThat(frame(1, 7, DM, 1, 5_000)).isEqualTo(Outcome.FOREIGN);
        assertThat(frame(1, 1_000, DM, 1, 5_000)).isEqualTo(Outcome.FOREIGN);
        assertThat(tracker.onMessageCreated(1, 5_000, DM, 1, null)).isEqualTo(Outcome.FOREIGN);

        Tally tally = tracker.tally(3);
        assertThat(tally.foreign()).isEqualTo(4);
        assertThat(tally.failed()).isTrue(); // message 2 itself never arrived
    }

    @Test
    void aFramePushedToANonMemberOrUnderAnotherConversationIsMisrouted() {
        sent(2, 0, 0, 1_000);
        assertThat(frame(3, 2, DM, 1, 5_000)).isEqualTo(Outcome.MISROUTED);
        assertThat(frame(1, 2, GROUP, 1, 5_000)).isEqualTo(Outcome.MISROUTED);
        assertThat(frame(1, 2, DM, 1, 5_000)).isEqualTo(Outcome.DELIVERED);

        Tally tally = tracker.tally(3);
        assertThat(tally.misrouted()).isEqualTo(2);
        assertThat(tally.lost()).isZero();
        assertThat(tally.failed()).isTrue();
    }

    @Test
    void latencyIsArrivalMinusScheduledTimeAndOnlyForMeasuredMessages() {
        sent(0, 0, 0, 0);
        sent(2, 0, 0, 1_000_000);
        frame(1, 0, DM, 1, 999_000_000);
        frame(1, 2, DM, 2, 8_000_000);

        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.max()).isEqualTo(7_000); // microseconds
    }

    @Test
    void aTrackerWithPhasesTimesEachPhaseApartAndTalliesAnyRange() {
        LatencyHistogram first = new LatencyHistogram(3_600_000_000L);
        LatencyHistogram second = new LatencyHistogram(3_600_000_000L);
        DeliveryTracker phased = new DeliveryTracker(
                List.of(new DeliveryTracker.Conversation(DM, new int[] {0, 1}),
                        new DeliveryTracker.Conversation(GROUP, new int[] {1, 2, 3})),
                new String[] {"u0", "u1", "u2", "u3"}, ids, 10, 0, new int[] {0, 3}, new LatencyHistogram[] {first, second});
        phased.scheduled(0, 0, 0, 0);
        phased.sendCompleted(0, true);
        phased.scheduled(1, 0, 0, 0);
        phased.sendCompleted(1, false);             // refused: nothing expected
        phased.scheduled(3, 1, 0, 1_000_000);
        phased.sendCompleted(3, true);
        // index 2 never scheduled (dropped by the client): not counted
        phased.onMessageCreated(1, 2_000_000, DM, 1, ids.encode(0));
        phased.onMessageCreated(2, 4_000_000, GROUP, 1, ids.encode(3));

        assertThat(first.count()).isEqualTo(1);
        assertThat(first.max()).isEqualTo(2_000);
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.max()).isEqualTo(3_000);

        DeliveryTracker.PhaseTally early = phased.tally(0, 3);
        assertThat(early.sent).isEqualTo(2);
        assertThat(early.succeeded).isEqualTo(1);
        assertThat(early.expected).isEqualTo(1);
        assertThat(early.lost).isZero();
        DeliveryTracker.PhaseTally late = phased.tally(3, 10);
        assertThat(late.expected).isEqualTo(2);
        assertThat(late.received).isEqualTo(1);
        assertThat(late.lost).isEqualTo(1);
        assertThat(phased.tally(4).lost()).isEqualTo(1);
    }

    @Test
    void throughputCountsArrivalsInsideTheMeasuredWindowOnly() {
        tracker.window(10_000, 20_000);
        sent(0, 1, 0, 0);
        frame(2, 0, GROUP, 1, 9_999);
        frame(3, 0, GROUP, 1, 10_000);
        sent(2, 1, 1, 15_000);
        frame(1, 2, GROUP, 2, 19_999);
        frame(3, 2, GROUP, 2, 20_000);

        assertThat(tracker.tally(3).windowDeliveries()).isEqualTo(2);
        assertThat(tracker.deliveriesSoFar()).isEqualTo(4);
    }

    @Test
    void drainEndsOnlyWhenEverySuccessfulSendReachedEveryOtherMember() {
        sent(0, 0, 0, 0);
        tracker.scheduled(1, 0, 1, 0);
        tracker.sendCompleted(1, false);
        assertThat(tracker.allDelivered(2)).isFalse();
        frame(0, 0, DM, 1, 1_000); // the sender's echo does not count
        assertThat(tracker.allDelivered(2)).isFalse();
        frame(1, 0, DM, 1, 1_000);
        assertThat(tracker.allDelivered(2)).isTrue();
    }

    @Test
    void groupsLargerThanSixtyFourMembersKeepOneBitPerMember() {
        int[] members = IntStream.range(0, 130).toArray();
        String[] userIds = IntStream.range(0, 130).mapToObj(i -> "u" + i).toArray(String[]::new);
        DeliveryTracker big = new DeliveryTracker(List.of(new DeliveryTracker.Conversation("big", members)),
                userIds, ids, 3, 0, latency);
        big.scheduled(0, 0, 70, 0);
        big.sendCompleted(0, true);
        for (int user = 0; user < 130; user++) {
            if (user != 129) {
                big.onMessageCreated(user, 1_000, "big", 1, ids.encode(0));
            }
        }
        assertThat(big.onMessageCreated(64, 1_000, "big", 1, ids.encode(0))).isEqualTo(Outcome.DUPLICATE);

        Tally tally = big.tally(1);
        assertThat(tally.measured().expected).isEqualTo(129);
        assertThat(tally.measured().received).isEqualTo(128);
        assertThat(tally.echoes()).isEqualTo(1);
        assertThat(tally.lost()).isEqualTo(1);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.lostExamples()).singleElement().asString().contains("recipient=u129");
    }
}
