package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemberCursorTest {

    @Test
    void aFormattedCursorParsesBackToTheSamePositionAndIsUrlSafe() {
        var cursor = new MemberCursor(Instant.parse("2026-11-24T10:15:30.123456Z"), UUID.randomUUID());

        String text = cursor.format();

        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(MemberCursor.parse(text)).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "bm90IGEgY3Vyc29y", "MjAyNi0xMS0yNFQxMDoxNTozMFpfbm90LWEtdXVpZA"})
    void anythingButANextCursorIsABadRequest(String text) {
        assertThatThrownBy(() -> MemberCursor.parse(text)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void aCursorWithoutItsUserIdIsRefused() {
        String noId = Base64.getUrlEncoder().encodeToString("2026-11-24T10:15:30Z".getBytes());
        assertThatThrownBy(() -> MemberCursor.parse(noId)).isInstanceOf(ApiProblem.class);
    }
}
