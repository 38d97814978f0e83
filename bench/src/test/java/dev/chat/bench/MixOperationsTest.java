package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.chat.bench.MixOperations.Operation;
import dev.chat.bench.MixTracker.SentMessage;
import dev.chat.bench.OperationMix.Kind;

/** One group of users 0, 1 and 2 ("c-g"); only the planning, no HTTP. */
class MixOperationsTest {

    private final MixTracker mix = new MixTracker(
            List.of(new DeliveryTracker.Conversation("c-g", new int[] {0, 1, 2})), new String[] {"u0", "u1", "u2"});

    private MixOperations operations(long seed) {
        return new MixOperations(mix, "http://gw", "run1", Duration.ofSeconds(1), seed,
                new String[] {"Bearer 0", "Bearer 1", "Bearer 2"}, null, 4);
    }

    private List<Operation> plan(MixOperations operations, Kind kind, int n) {
        List<Operation> planned = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            planned.add(operations.plan(kind, j));
        }
        return planned;
    }

    @Test
    void nothingIsPlannedBeforeAMessageWasAnsweredOrSeen() {
        MixOperations operations = operations(1);
        assertThat(operations.plan(Kind.REACTION, 0)).isNull();
        assertThat(operations.plan(Kind.READ, 0)).isNull();
        assertThat(operations.plan(Kind.EDIT, 0)).isNull();
    }

    @Test
    void aReactionIsARandomMembersPutOfAUrlEncodedEmojiOnARecentMessage() {
        mix.messageSent(0, 1, 5, new SentMessage("m-5", 5));
        List<Operation> reactions = plan(operations(2), Kind.REACTION, 300);
        assertThat(reactions).allSatisfy(op -> {
            assertThat(op.method()).isEqualTo("PUT");
            assertThat(op.body()).isNull();
            assertThat(op.messageId()).isEqualTo("m-5");
            assertThat(op.path()).startsWith("/api/conversations/c-g/messages/m-5/reactions/%");
        });
        assertThat(reactions).extracting(Operation::user).as("not only the sender").containsOnly(0, 1, 2)
                .contains(0, 1, 2);
        assertThat(reactions).extracting(Operation::path).map(p -> p.substring(p.lastIndexOf('/') + 1))
                .containsOnly("%F0%9F%91%8D", "%F0%9F%8E%89", "%E2%9D%A4%EF%B8%8F")
                .contains("%F0%9F%91%8D", "%F0%9F%8E%89", "%E2%9D%A4%EF%B8%8F");
        assertThat(reactions).extracting(Operation::emoji).containsOnly(MixOperations.EMOJIS);
    }

    @Test
    void aReadMovesTheMembersCursorToTheHighestSeqItHasSeenAndOnlyAMemberThatSawSomethingReads() {
        mix.messageSent(0, 2, 0, new SentMessage("m-0", 7)); // only user 2 has seen anything: seq 7
        List<Operation> reads = plan(operations(3), Kind.READ, 300);
        List<Operation> made = reads.stream().filter(op -> op != null).toList();
        assertThat(made).isNotEmpty().allSatisfy(op -> {
            assertThat(op.user()).isEqualTo(2);
            assertThat(op.method()).isEqualTo("PUT");
            assertThat(op.path()).isEqualTo("/api/conversations/c-g/receipt");
            assertThat(op.body()).isEqualTo("{\"readSeq\":7}");
        });
        assertThat(reads).as("the other members' turns are skipped").contains((Operation) null);
    }

    @Test
    void anEditIsItsSendersPatchWithABodyOfItsOwn() {
        mix.messageSent(0, 1, 5, new SentMessage("m-5", 5));
        mix.messageSent(0, 2, 6, new SentMessage("m-6", 6));
        List<Operation> edits = plan(operations(4), Kind.EDIT, 50);
        assertThat(edits).allSatisfy(op -> {
            assertThat(op.method()).isEqualTo("PATCH");
            assertThat(op.path()).isEqualTo("/api/conversations/c-g/messages/" + op.messageId());
            assertThat(op.user()).isEqualTo(op.messageId().equals("m-5") ? 1 : 2);
            assertThat(op.body()).startsWith("{\"body\":\"bench run1 #" + (op.user() == 1 ? 5 : 6) + " edit ");
        });
        Set<String> bodies = new HashSet<>();
        edits.forEach(op -> bodies.add(op.body()));
        assertThat(bodies).as("the same body twice would change nothing").hasSize(50);
    }

    @Test
    void theSameSeedPlansTheSameOperations() {
        mix.messageSent(0, 0, 1, new SentMessage("m-1", 1));
        mix.messageSent(0, 1, 2, new SentMessage("m-2", 2));
        assertThat(plan(operations(9), Kind.REACTION, 50)).isEqualTo(plan(operations(9), Kind.REACTION, 50));
    }
}
