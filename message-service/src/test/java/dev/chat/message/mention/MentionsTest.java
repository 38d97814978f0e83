package dev.chat.message.mention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsEachUsernameOnceLowerCasedInOrder() {
        assertThat(Mentions.names("@Ann and @bob.s, then @ann again (cc @carol_2)."))
                .containsExactly("ann", "bob.s", "carol_2");
    }

    @Test
    void anAtInsideAWordOrAnAddressOrTooShortMentionsNobody() {
        assertThat(Mentions.names("mail ann@example.com, @@ann, a@b, @ab, price @ 3")).isEmpty();
        assertThat(Mentions.names("no at sign at all")).isEmpty();
    }

    @Test
    void punctuationAfterANameEndsIt() {
        assertThat(Mentions.names("thanks @ann. And @bob-! Also @dave...")).containsExactly("ann", "bob", "dave");
    }

    @Test
    void atMostFiftyNamesAreLookedUp() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            body.append("@user").append(i).append(' ');
        }
        assertThat(Mentions.names(body.toString())).hasSize(Mentions.MAX_MENTIONS);
    }
}
