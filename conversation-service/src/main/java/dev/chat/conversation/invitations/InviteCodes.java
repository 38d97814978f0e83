package dev.chat.conversation.invitations;

import java.security.SecureRandom;

/** Invite link codes: 12 characters of URL-safe base62 from SecureRandom, about 71 bits, not guessable. */
final class InviteCodes {

    static final int LENGTH = 12;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InviteCodes() {
    }

    static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())); // nextInt(bound) is unbiased
        }
        return new String(code);
    }

    /** Whether {@code code} could have come from {@link #next()}: anything else is unknown without a query. */
    static boolean wellFormed(String code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
