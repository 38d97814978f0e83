package dev.chat.message.send;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Time-ordered ids append to the primary
 * key's index instead of splitting pages all over it as random v4 ids do. Ids are not secrets (access is
 * checked by membership), so ThreadLocalRandom's speed beats SecureRandom's contention here.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static UUID next() {
        return of(System.currentTimeMillis(), ThreadLocalRandom.current());
    }

    static UUID of(long unixMillis, java.util.random.RandomGenerator random) {
        long msb = (unixMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
