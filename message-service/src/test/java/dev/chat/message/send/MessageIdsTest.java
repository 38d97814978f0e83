package dev.chat.message.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void idsAreVersionSevenWithTheRfcVariant() {
        UUID id = MessageIds.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void theLeading48BitsAreTheMillisecondsSoLaterIdsSortAfterEarlierOnes() {
        var random = new SplittableRandom(1);
        UUID earlier = MessageIds.of(1_700_000_000_000L, random);
        UUID later = MessageIds.of(1_700_000_000_001L, random);

        assertThat(earlier.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
        // PostgreSQL orders uuids by their bytes, i.e. as unsigned hex strings.
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void requestBodiesAreStrippedOfSurroundingWhitespace() {
        assertThat(new SendMessageRequest("c", " \n hi there\t ", null).body()).isEqualTo("hi there");
        // a body may be left out when the message carries attachments (the request's own check refuses it otherwise)
        SendMessageRequest filesOnly = new SendMessageRequest("c", null, null);
        assertThat(filesOnly.body()).isEmpty();
        assertThat(filesOnly.attachments()).isEmpty();
        assertThat(filesOnly.isBodyPresent()).isFalse();
    }
}
