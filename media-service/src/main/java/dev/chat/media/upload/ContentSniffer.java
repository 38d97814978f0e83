package dev.chat.media.upload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tells a file's real type from its first bytes (magic numbers), so a client cannot store, say, an
 * executable or an HTML page as {@code image/png}.
 */
final class ContentSniffer {

    /** Enough bytes for every signature below. */
    static final int PREFIX_LENGTH = 16;

    private ContentSniffer() {
    }

    /** Whether {@code prefix} may be the start of a file of {@code declaredType}. */
    static boolean matches(String declaredType, byte[] prefix) {
        Optional<String> detected = detect(prefix);
        if (detected.isPresent()) {
            return detected.get().equals(declaredType);
        }
        // No known signature: fine for types without one, except that text has no NUL bytes.
        return !hasSignature(declaredType) && !(declaredType.startsWith("text/") && contains(prefix, (byte) 0));
    }

    static Optional<String> detect(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(b, 0, "GIF87a") || startsWith(b, 0, "GIF89a")) {
            return Optional.of("image/gif");
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
            return Optional.of("image/webp");
        }
        if (startsWith(b, 0, "%PDF-")) {
            return Optional.of("application/pdf");
        }
        if (startsWith(b, 4, "ftyp")) {
            return Optional.of("video/mp4");
        }
        if (startsWith(b, 0, "ID3") || (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
            return Optional.of("audio/mpeg");
        }
        return Optional.empty();
    }

    private static boolean hasSignature(String type) {
        return switch (type) {
            case "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "video/mp4",
                 "audio/mpeg" -> true;
            default -> false;
        };
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        return startsWith(b, offset, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        byte[] bytes = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            bytes[i] = (byte) expected[i];
        }
        return startsWith(b, offset, bytes);
    }

    private static boolean startsWith(byte[] b, int offset, byte[] expected) {
        return b.length >= offset + expected.length
                && Arrays.equals(b, offset, offset + expected.length, expected, 0, expected.length);
    }

    private static boolean contains(byte[] b, byte value) {
        for (byte x : b) {
            if (x == value) {
                return true;
            }
        }
        return false;
    }
}
