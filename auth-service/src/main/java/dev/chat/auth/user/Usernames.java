package dev.chat.auth.user;

import java.util.Locale;

/** Usernames are unique regardless of case: everything stores and looks up the lower-case form. */
public final class Usernames {

    /** The accepted form before canonicalisation; both cases allowed, compared case-insensitively. */
    public static final String PATTERN = "[A-Za-z0-9_.-]{3,32}";

    private Usernames() {
    }

    public static String canonical(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
