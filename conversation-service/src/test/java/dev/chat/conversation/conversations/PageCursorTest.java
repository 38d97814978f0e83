package dev.chat.conversation.conversations;

import dev.chat.web.problem.ApiProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    @Test
    void aFormattedCursorParsesBackToItself() {
        var cursor = new PageCursor(Instant.parse("2026-01-02T03:04:05.123456Z"), UUID.randomUUID());

        assertThat(PageCursor.parse(cursor.format())).isEqualTo(cursor);
    }

    @Test
    void aBareInstantIsACursorWithoutTieBreaker() {
        assertThat(PageCursor.parse("2026-01-02T03:04:05Z"))
                .isEqualTo(new PageCursor(Instant.parse("2026-01-02T03:04:05Z"), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-01-02", "2026-01-02T03:04:05Z_nope", "_", "2026-13-02T03:04:05Z"})
    void garbageIsABadRequest(String text) {
        assertThatThrownBy(() -> PageCursor.parse(text)).isInstanceOf(ApiProblem.class).hasFieldOrPropertyWithValue("statusCode", org.springframework.http.HttpStatus.BAD_REQUEST);
    }

    @Test
    void theDirectKeyIsTheSameWhoeverOpensTheConversation() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        assertThat(ConversationService.directKey(a, b)).isEqualTo(ConversationService.directKey(b, a))
                .startsWith(a.toString().compareTo(b.toString()) < 0 ? a.toString() : b.toString());
    }
}
