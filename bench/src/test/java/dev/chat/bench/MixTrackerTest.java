package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.chat.bench.MixTracker.Recent;
import dev.chat.bench.MixTracker.SentMessage;
import dev.chat.bench.OperationMix.Kind;

/**
 * Users 0..3; conversation 0 is the DM of users 0 and 1, conversation 1 the group of users 1, 2 and 3 (user 1 at
 * position 0). Times are in nanoseconds.
 */
class MixTrackerTest {

    private static final String DM = "c-dm";
    private static final String GROUP = "c-group";

    private final MixTracker mix = new MixTracker(
            List.of(new DeliveryTracker.Conversation(DM, new int[] {0, 1}),
                    new DeliveryTracker.Conversation(GROUP, new int[] {1, 2, 3})),
            new String[] {"u0", "u1", "u2", "u3"});
    private final ServerFrame frame = new ServerFrame();
    private final SplittableRandom random = new SplittableRandom(1);

    private void push(int user, long arrival, String json) {
        assertThat(frame.parse(json)).isTrue();
        mix.onFrame(user, arrival, frame);
    }

    private static String reactionAdded(String conversation, long seq, String messageId, String userId, String emoji) {
        return "{\"type\":\"reaction.added\",\"conversationId\":\"" + conversation + "\",\"seq\":" + seq
                + ",\"messageId\":\"" + messageId + "\",\"messageSeq\":1,\"userId\":\"" + userId + "\",\"emoji\":\""
                + emoji + "\",\"at\":\"2026-12-02T06:00:00Z\"}";
    }

    @Test
    void aConversationWithoutAnAnsweredMessageHasNoTargetYet() {
        assertThat(mix.recentMessage(0, random)).isNull();
        mix.messageSent(1, 2, 7, new SentMessage("m-7", 3));
        assertThat(mix.recentMessage(0, random)).as("the other conversation's messages do not count").isNull();
        assertThat(mix.recentMessage(1, random)).isEqualTo(new Recent("m-7", 2, 7));
    }

    @Test
    void targetsAreTheConversationsLastAnsweredMessagesOnly() {
        for (int i = 0; i < 100; i++) {
            mix.messageSent(0, i % 2, i, new SentMessage("m-" + i, i + 1));
        }
        Set<Integer> picked = new HashSet<>();
        for (int k = 0; k < 2_000; k++) {
            picked.add(mix.recentMessage(0, random).index());
        }
        assertThat(picked).hasSize(MixTracker.RECENT).allMatch(i -> i >= 100 - MixTracker.RECENT);
    }

    @Test
    void whatAMemberHasSeenIsTheHighestSeqOfItsAnswersAndItsSocketsFrames() {
        assertThat(mix.seenBy(1, 1)).isZero();
        mix.messageSent(1, 1, 0, new SentMessage("m-0", 4)); // user 2 sent seq 4
        assertThat(mix.seenBy(1, 1)).isEqualTo(4);
        assertThat(mix.seenBy(1, 2)).as("an answer tells only the sender").isZero();

        push(3, 1_000, "{\"type\":\"message.created\",\"conversationId\":\"c-group\",\"seq\":4,"
                + "\"message\":{\"id\":\"m-0\",\"clientMessageId\":\"k\",\"seq\":4}}");
        push(3, 2_000, reactionAdded(GROUP, 6, "m-0", "u1", "x"));
        push(3, 3_000, "{\"type\":\"message.edited\",\"conversationId\":\"c-group\",\"seq\":5,\"messageId\":\"m-0\","
                + "\"messageSeq\":4,\"body\":\"b\",\"editedBy\":\"u2\",\"editedAt\":\"2026-12-02T06:00:00Z\"}");
        assertThat(mix.seenBy(1, 2)).as("a late lower seq never moves it back").isEqualTo(6);

        // receipt.moved carries no seq of its own; a frame of a conversation the user is not in changes nothing
        push(3, 4_000, "{\"type\":\"receipt.moved\",\"conversationId\":\"c-group\","
                + "\"cursors\":[{\"userId\":\"u1\",\"kind\":\"READ\",\"seq\":99}]}");
        push(3, 5_000, reactionAdded(DM, 50, "m-x", "u0", "x"));
        assertThat(mix.seenBy(1, 2)).isEqualTo(6);
        assertThat(mix.seenBy(0, 0)).isZero();
        assertThat(mix.seenBy(0, 1)).isZero();
        // user 1 is in both: its DM frames go to its DM position
        push(1, 6_000, reactionAdded(DM, 9, "m-y", "u0", "x"));
        assertThat(mix.seenBy(0, 1)).isEqualTo(9);
        assertThat(mix.seenBy(1, 0)).isZero();
        assertThat(mix.changeFramesSoFar()).as("the reactions and the edit of the users' own conversations").isEqualTo(3);
    }

    @Test
    void aReactionPushIsTimedFromItsFirstScheduledPutOnTheOtherMembersSockets() {
        mix.measuredFrom(1_000_000);
        mix.reactionScheduled("m-1", 2, "\uD83D\uDC4D", 2_000_000);
        mix.reactionScheduled("m-1", 2, "\uD83D\uDC4D", 5_000_000); // the same reaction again: a no-op PUT

        push(1, 9_000_000, reactionAdded(GROUP, 8, "m-1", "u2", "\uD83D\uDC4D"));
        push(3, 12_000_000, reactionAdded(GROUP, 8, "m-1", "u2", "\uD83D\uDC4D"));
        push(2, 3_000_000, reactionAdded(GROUP, 8, "m-1", "u2", "\uD83D\uDC4D")); // the reactor's own socket

        LatencyHistogram pushes = mix.reactionPushMicros();
        assertThat(pushes.count()).isEqualTo(2);
        assertThat(pushes.min()).isEqualTo(7_000);
        assertThat(pushes.max()).isEqualTo(10_000);
        assertThat(mix.reactionPushesUntimed()).isZero();
    }

    @Test
    void warmUpReactionsAreNotTimedAndUnknownOnesAreCountedApart() {
        mix.measuredFrom(1_000_000);
        mix.reactionScheduled("m-1", 2, "a", 500_000);
        push(3, 2_000_000, reactionAdded(GROUP, 8, "m-1", "u2", "a"));
        push(3, 2_000_000, reactionAdded(GROUP, 9, "m-1", "u2", "b"));
        assertThat(mix.reactionPushMicros().count()).isZero();
        assertThat(mix.reactionPushesUntimed()).isEqualTo(1);
    }

    @Test
    void operationOutcomesAreCountedByStatusPerKindAndPhase() {
        MixTracker.OpStats reads = mix.stats(Kind.READ, true);
        reads.attempted.add(4);
        reads.answered(200, 3_000_000);
        reads.answered(200, 5_000_000);
        reads.answered(503, 9_000_000);
        reads.failed("client-dropped");
        assertThat(reads.succeeded.sum()).isEqualTo(2);
        assertThat(reads.failedCount()).isEqualTo(2);
        assertThat(reads.byStatus()).containsExactly(
                java.util.Map.entry("200", 2L), java.util.Map.entry("503", 1L), java.util.Map.entry("client-dropped", 1L));
        assertThat(reads.latencyMicros.count()).isEqualTo(3);
        assertThat(mix.stats(Kind.READ, false).attempted.sum()).isZero();
        assertThat(mix.stats(Kind.EDIT, true).attempted.sum()).isZero();
    }

    @Test
    void aSendAnswerGivesItsIdAndSeq() {
        assertThat(MixTracker.parseSent("""
                {"id":"e4c1","conversationId":"c","seq":42,"senderId":"u","clientMessageId":"k","body":"hi",
                 "reactions":[{"emoji":"x","count":1,"seq":3}],"replyToId":null}""")).isEqualTo(new SentMessage("e4c1", 42));
        assertThat(MixTracker.parseSent("{\"seq\":4}")).isNull();
        assertThat(MixTracker.parseSent("not json")).isNull();
        assertThat(MixTracker.parseSent(null)).isNull();
    }
}
