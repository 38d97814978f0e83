package dev.chat.message.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {"👍", "❤️", "❤", "👍🏽", "🇫🇷", "🇺🇳", "1️⃣", "1⃣", "*️⃣", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "ℹ️", "©️",
            "👍👍", "🎉🎉🎉"})
    void emojisAndEmojiSequencesAreEmojis(String text) {
        assertThat(Emoji.isValid(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "A", "ok", "1", "42", "#", "*", " ", "\t", "\n", "\u0000", "\u0007", "\u00A0",
            "👍 ", " 👍", "👍a", "a👍", "👍1", ":)", "<3", "!", "字", "é", "🇫", "🇫🇷🇩", "\u200D", "\uFE0F", "\u20E3",
            "🏻", "\uD83D", "👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍"})
    void anythingElseIsNot(String text) {
        assertThat(Emoji.isValid(text)).as("[%s]", text).isFalse();
    }
}
