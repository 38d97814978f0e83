package dev.chat.message.history;

import dev.chat.web.problem.ApiProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chat.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryQueryTest {

    @Test
    void noParametersMeanTheLatestFiftyScanningBackwards() {
        HistoryQuery q = HistoryQuery.of(null, null, null);

        assertThat(q).isEqualTo(new HistoryQuery(0, Long.MAX_VALUE, 50, false));
        assertThat(q.fetchSize()).isEqualTo(51);
    }

    @Test
    void afterSeqScansForwardAndKeepsAnUpperBoundWhenGiven() {
        assertThat(HistoryQuery.of(10L, null, 20)).isEqualTo(new HistoryQuery(10, Long.MAX_VALUE, 20, true));
        assertThat(HistoryQuery.of(10L, 15L, 20)).isEqualTo(new HistoryQuery(10, 15, 20, true));
        assertThat(HistoryQuery.of(0L, null, 1)).isEqualTo(new HistoryQuery(0, Long.MAX_VALUE, 1, true));
    }

    @Test
    void beforeSeqAloneScansBackwards() {
        assertThat(HistoryQuery.of(null, 15L, 200)).isEqualTo(new HistoryQuery(0, 15, 200, false));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "-, -, 0", "-, -, 201", "-, -, -5", "-1, -, 10", "-, 0, 10", "5, 5, 10", "7, 3, 10"})
    void impossibleParametersAreRejected(Long afterSeq, Long beforeSeq, Integer limit) {
        assertThatThrownBy(() -> HistoryQuery.of(afterSeq, beforeSeq, limit)).isInstanceOf(ApiProblem.class).hasFieldOrPropertyWithValue("statusCode", org.springframework.http.HttpStatus.BAD_REQUEST);
    }

    @Test
    void aForwardPageKeepsTheFirstLimitRowsAndReportsMore() {
        HistoryQuery q = HistoryQuery.of(0L, null, 3);

        var page = q.page(messages(1, 2, 3, 4));

        assertThat(page.items()).extracting(Message::seq).containsExactly(1L, 2L, 3L);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void aBackwardPageIsReturnedAscending() {
        HistoryQuery q = HistoryQuery.of(null, 10L, 3);

        var page = q.page(messages(9, 8, 7, 6));

        assertThat(page.items()).extracting(Message::seq).containsExactly(7L, 8L, 9L);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void aShortPageHasNoMore() {
        assertThat(HistoryQuery.of(null, null, 3).page(messages(2, 1)).hasMore()).isFalse();
        assertThat(HistoryQuery.of(5L, null, 3).page(messages()).items()).isEmpty();
    }

    private static List<Message> messages(long... seqs) {
        UUID conversation = UUID.randomUUID();
        return LongStream.of(seqs).mapToObj(seq -> new Message(UUID.randomUUID(), conversation, seq,
                UUID.randomUUID(), "c" + seq, "b", null, Instant.EPOCH)).toList();
    }
}
