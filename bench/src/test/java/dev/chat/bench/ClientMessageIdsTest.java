package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ClientMessageIdsTest {

    private final ClientMessageIds ids = new ClientMessageIds(0x1234_5678_9abc_def0L);

    @Test
    void anIdCarriesItsIndexBack() {
        for (long index : new long[] {0, 1, 63, 1_000_000, Integer.MAX_VALUE, ClientMessageIds.MAX_INDEX}) {
            assertThat(ids.decode(ids.encode(index))).isEqualTo(index);
        }
    }

    @Test
    void anIdIsAVersionFourUuid() {
        UUID uuid = UUID.fromString(ids.encode(42));
        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.toString()).isEqualTo(ids.encode(42));
    }

    @Test
    void upperCaseSpellingStillDecodes() {
        assertThat(ids.decode(ids.encode(7).toUpperCase())).isEqualTo(7);
    }

    @Test
    void idsOfAnotherRunOrAnyOtherStringAreNotOurs() {
        ClientMessageIds other = new ClientMessageIds(0x0fed_cba9_8765_4321L);
        assertThat(ids.decode(other.encode(7))).isEqualTo(-1);
        assertThat(ids.decode(UUID.randomUUID().toString())).isEqualTo(-1);
        assertThat(ids.decode("not-a-uuid")).isEqualTo(-1);
        assertThat(ids.decode(null)).isEqualTo(-1);
        assertThat(ids.decode(ids.encode(7).replace('-', 'x'))).isEqualTo(-1);
    }
}
