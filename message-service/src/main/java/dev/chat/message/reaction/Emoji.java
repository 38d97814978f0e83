package dev.chat.message.reaction;

/**
 * What a reaction may be: one emoji (or a short run of them), 1 to {@value #MAX_LENGTH} UTF-16 units once URL-decoded.
 * Every code point must belong to an emoji: a code point with the Unicode property Emoji or Extended_Pictographic
 * (outside ASCII, where those are the digits, {@code #} and {@code *}), a pair of regional indicators (a flag), a
 * keycap sequence ({@code 1️⃣}: digit, {@code #} or {@code *}, optional U+FE0F, U+20E3), or a joiner, variation
 * selector, skin-tone modifier or tag that builds one. So no letters, digits alone, whitespace, control characters or
 * punctuation, and at least one pictograph.
 */
final class Emoji {

    static final int MAX_LENGTH = 32;

    private Emoji() {
    }

    static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        int[] cps = text.codePoints().toArray();
        boolean pictograph = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (isRegionalIndicator(cp)) {
                if (i + 1 < cps.length && isRegionalIndicator(cps[i + 1])) {
                    pictograph = true;
                    i++;
                    continue;
                }
                return false; // a lone regional indicator is a letter, not a flag
            }
            if (isKeycapBase(cp)) {
                int j = i + 1;
                if (j < cps.length && cps[j] == 0xFE0F) {
                    j++;
                }
                if (j < cps.length && cps[j] == 0x20E3) {
                    pictograph = true;
                    i = j;
                    continue;
                }
                return false; // a digit, '#' or '*' on its own
            }
            if (isBuildingBlock(cp)) {
                continue;
            }
            if (cp > 0x7F && Character.getType(cp) != Character.CONTROL
                    && (Character.isEmoji(cp) || Character.isExtendedPictographic(cp))) {
                pictograph = true;
                continue;
            }
            return false;
        }
        return pictograph;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    private static boolean isKeycapBase(int cp) {
        return (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
    }

    /** Zero-width joiner, variation selectors 15/16, skin tones, tag characters (subdivision flags). */
    private static boolean isBuildingBlock(int cp) {
        return cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F || Character.isEmojiModifier(cp)
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
