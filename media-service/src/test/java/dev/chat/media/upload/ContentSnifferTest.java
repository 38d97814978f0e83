package dev.chat.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentSnifferTest {

    @ParameterizedTest(name = "{1} declared as {0}: {2}")
    @CsvSource({
            "image/png,       89504E470D0A1A0A0000000D, true",
            "image/jpeg,      FFD8FFE000104A4649460001, true",
            "image/gif,       474946383961010001000000, true",
            "image/webp,      524946462400000057454250, true",
            "application/pdf, 255044462D312E370A25E2E3, true",
            "video/mp4,       0000001866747970, true",
            "audio/mpeg,      4944330400000000, true",
            "text/plain,      68656C6C6F20776F726C6421, true",
            // lies: the bytes are another known type, or text with binary in it
            "image/png,       FFD8FFE000104A4649460001, false",
            "image/jpeg,      255044462D312E370A25E2E3, false",
            "application/pdf, 3C68746D6C3E3C626F64793E, false",
            "image/webp,      524946462400000057415645, false",
            "text/plain,      89504E470D0A1A0A0000000D, false",
            "text/plain,      68656C6C6F00776F726C6421, false",
            "image/gif,       00, false",
    })
    void acceptsOnlyBytesThatMatchTheDeclaredType(String declared, String hex, boolean expected) {
        assertThat(ContentSniffer.matches(declared, hex(hex))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'', image/png", "'', text/plain"})
    void emptyPrefixMatchesNoSignature(String hex, String declared) {
        assertThat(ContentSniffer.matches(declared, hex(hex))).isEqualTo(declared.equals("text/plain"));
    }

    private static byte[] hex(String hex) {
        if (hex.isEmpty()) {
            return new byte[0];
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
