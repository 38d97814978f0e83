package dev.chat.conversation.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InviteCodesTest {

    @Test
    void aCodeIsTwelveUrlSafeBase62Characters() {
        for (int i = 0; i < 1_000; i++) {
            String code = InviteCodes.next();
            assertThat(code).matches("[0-9A-Za-z]{12}");
            assertThat(InviteCodes.wellFormed(code)).isTrue();
        }
    }

    @Test
    void codesDoNotRepeatAndUseTheWholeAlphabet() {
        Set<String> codes = new HashSet<>();
        Set<Integer> characters = new HashSet<>();
        IntStream.range(0, 10_000).mapToObj(i -> InviteCodes.next()).forEach(code -> {
            codes.add(code);
            code.chars().forEach(characters::add);
        });
        assertThat(codes).hasSize(10_000);
        assertThat(characters).hasSize(62);
    }

    @Test
    void anythingElseIsNotWellFormed() {
        for (String code : new String[] {null, "", "short", "AAAAAAAAAAAAA", "AAAAAAAAAAA-", "AAAAAAAAAAA_",
                "AAAAAAAAAAA ", "AAAAAAAAAAAé"}) {
            assertThat(InviteCodes.wellFormed(code)).as(code).isFalse();
        }
        assertThat(InviteCodes.wellFormed("AAAAAAAAAAAA")).isTrue();
    }
}
