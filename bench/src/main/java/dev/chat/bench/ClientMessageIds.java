package dev.chat.bench;

import java.util.UUID;

/**
 * clientMessageIds that carry the message's index, so a listener finds a message's bookkeeping by array
 * index instead of a map lookup: a well-formed version-4 UUID whose high half is random per process (a rerun
 * never replays an earlier run's idempotency keys) and whose low half is the index under the RFC 4122 variant bits.
 */
final class ClientMessageIds {

    private static final long VARIANT_MASK = 0xC000_0000_0000_0000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;
    static final long MAX_INDEX = ~VARIANT_MASK;

    private final long high;

    ClientMessageIds(long randomHigh) {
        this.high = (randomHigh & ~0xF000L) | 0x4000L;
    }

    String encode(long index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        return new UUID(high, VARIANT | index).toString();
    }

    /** The index carried by {@code id}, or -1 if it is not one of this process's ids. Allocates nothing. */
    long decode(CharSequence id) {
        if (id == null || id.length() != 36) {
            return -1;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return -1;
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0) {
                return -1;
            }
            if (digits < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            digits++;
        }
        if (hi != high || (lo & VARIANT_MASK) != VARIANT) {
            return -1;
        }
        return lo & ~VARIANT_MASK;
    }
}
