package dev.chat.conversation.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "General|general",
        "  Rust & Go  |rust-go",
        "Café Society!|cafe-society",
        "a--b__c|a-b-c",
        "2024 Q1 plans|2024-q1-plans",
        "日本語|channel",
        "!!!|channel",
        "x|x"})
    void aNameSuggestsALowercaseHyphenatedSlug(String name, String slug) {
        assertThat(Slugs.derive(name)).isEqualTo(slug).matches(Slugs.PATTERN);
    }

    @Test
    void aLongNameIsCutToFiftyWithoutATrailingHyphen() {
        String slug = Slugs.derive("a".repeat(49) + " tail");

        assertThat(slug).isEqualTo("a".repeat(49)).matches(Slugs.PATTERN);
    }

    @Test
    void numberedCandidatesFollowTheBaseAndStayWithinFifty() {
        assertThat(Slugs.candidates("team").limit(3)).containsExactly("team", "team-2", "team-3");
        String base = "b".repeat(47) + "-cd";
        assertThat(Slugs.candidates(base).skip(1).limit(9).toList()).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(50)
                .matches(Slugs.PATTERN));
        assertThat(Slugs.candidates(base).skip(1).findFirst()).hasValue("b".repeat(47) + "-2");
    }
}
