package dev.chat.conversation.channels;

import java.text.Normalizer;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** A channel's slug: 1 to 50 of [a-z0-9-], starting and ending with a letter or digit. */
final class Slugs {

    static final String PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$";
    static final String RULE = "must be 1 to 50 lowercase letters, digits and hyphens, starting and ending with a "
            + "letter or digit";
    static final int MAX = 50;

    private Slugs() {
    }

    /**
     * The slug a name suggests: accents dropped, lowercase, every run of other characters one hyphen, no hyphen at
     * either end, cut to 50. "channel" when nothing is left (a name in another script).
     */
    static String derive(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = trimHyphens(ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        if (slug.length() > MAX) {
            slug = trimHyphens(slug.substring(0, MAX));
        }
        return slug.isEmpty() ? "channel" : slug;
    }

    /** {@code base}, then base-2, base-3 ..., each cut so that it stays within 50 characters. */
    static Stream<String> candidates(String base) {
        return Stream.concat(Stream.of(base), IntStream.iterate(2, n -> n + 1).mapToObj(n -> {
            String suffix = "-" + n;
            String head = base.length() + suffix.length() <= MAX ? base
                    : trimHyphens(base.substring(0, MAX - suffix.length()));
            return head + suffix;
        }));
    }

    private static String trimHyphens(String text) {
        return text.replaceAll("^-+|-+$", "");
    }
}
