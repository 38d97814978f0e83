package dev.chat.message.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chat.message.Message;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AroundQueryTest {

    @Test
    void theLimitIsSplitHalfBeforeAndTheRestFromTheCentre() {
        assertThat(AroundQuery.of(10, null, null, null)).isEqualTo(new AroundQuery(10, 50));
        AroundQuery odd = AroundQuery.of(10, null, null, 5);
        assertThat(odd.before()).isEqualTo(2);
        assertThat(odd.from()).isEqualTo(3);
        assertThat(AroundQuery.of(10, null, null, 1).before()).isZero();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"5, 1, -, 10", "5, -, 9, 10", "5, 1, 9, 10", "0, -, -, 10", "-3, -, -, 10",
            "5, -, -, 0", "5, -, -, 201"})
    void impossibleParametersAreRejected(long around, Long afterSeq, Long beforeSeq, Integer limit) {
        assertThatThrownBy(() -> AroundQuery.of(around, afterSeq, beforeSeq, limit)).isInstanceOf(ApiProblem.class)
                .hasFieldOrPropertyWithValue("statusCode", org.springframework.http.HttpStatus.BAD_REQUEST);
    }

    @Test
    void aPageKeepsTheNearestOnBothSidesAscendingAndSaysWhereMoreRemain() {
        AroundQuery q = AroundQuery.of(10, null, null, 4);

        var page = q.page(messages(9, 8, 7), messages(10, 11, 12));

        assertThat(page.items()).extracting(Message::seq).containsExactly(8L, 9L, 10L, 11L);
        assertThat(page.hasMoreBefore()).isTrue();
        assertThat(page.hasMoreAfter()).isTrue();
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void nearTheEndsNothingMoreRemains() {
        var page = AroundQuery.of(2, null, null, 6).page(messages(1), messages(2, 3));

        assertThat(page.items()).extracting(Message::seq).containsExactly(1L, 2L, 3L);
        assertThat(page.hasMoreBefore()).isFalse();
        assertThat(page.hasMoreAfter()).isFalse();
        assertThat(page.hasMore()).isFalse();
    }

    private static List<Message> messages(long... seqs) {
        UUID conversation = UUID.randomUUID();
        return LongStream.of(seqs).mapToObj(seq -> new Message(UUID.randomUUID(), conversation, seq,
                UUID.randomUUID(), "c" + seq, "b", null, Instant.EPOCH)).toList();
    }
}
