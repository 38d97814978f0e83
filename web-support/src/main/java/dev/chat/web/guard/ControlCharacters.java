package dev.chat.web.guard;

/**
 * The characters no text field accepts: C0 controls other than tab, line feed and carriage return, and
 * DEL. NUL in particular makes PostgreSQL refuse the row (500 before this guard existed).
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    public static boolean containsAny(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
