package dev.chat.message.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConversationRoleTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "OWNER,     OWNER,  true",
            "ADMIN,     ADMIN,  true",
            "MEMBER,    MEMBER, false",
            "MODERATOR, MEMBER, false",
            "admin,     MEMBER, false",
            "-,         MEMBER, false"})
    void anEventsRoleReadsAsItselfAndAnythingElseAsAPlainMember(String inEvent, ConversationRole role,
                                                                 boolean mayModerate) {
        assertThat(ConversationRole.fromEvent(inEvent)).isEqualTo(role);
        assertThat(ConversationRole.fromEvent(inEvent).mayModerate()).isEqualTo(mayModerate);
    }
}
