package dev.chat.presence.socket;

import java.util.Arrays;
import java.util.UUID;

/**
 * A socket's most recently active conversations, at most {@code max}, the oldest evicted first. Kept as
 * packed longs (16 bytes an id, no object per entry) in an array that grows from 4 entries, since many sockets
 * hold a few of these; linear scans are cheap at this size. Not thread-safe: its socket session guards it.
 */
final class RecentConversations {

    private static final UUID[] NONE = new UUID[0];

    private final int max;
    private long[] ids = new long[8]; // msb, lsb pairs, oldest first
    private int size;

    RecentConversations(int max) {
        this.max = max;
    }

    static UUID[] none() {
        return NONE;
    }

    /** Makes {@code id} the most recent, evicting the oldest when full. */
    void touch(UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        int last = size - 1;
        if (last >= 0 && ids[2 * last] == msb && ids[2 * last + 1] == lsb) {
            return; // the usual case: the same conversation again
        }
        int at = indexOf(msb, lsb);
        if (at >= 0) {
            System.arraycopy(ids, 2 * (at + 1), ids, 2 * at, 2 * (size - at - 1));
            size--;
        } else if (size == max) {
            System.arraycopy(ids, 2, ids, 0, 2 * (size - 1));
            size--;
        } else if (2 * size == ids.length) {
            ids = Arrays.copyOf(ids, 2 * Math.min(max, size * 2));
        }
        ids[2 * size] = msb;
        ids[2 * size + 1] = lsb;
        size++;
    }

    /** Drops {@code id}, if held. */
    void remove(UUID id) {
        int at = indexOf(id.getMostSignificantBits(), id.getLeastSignificantBits());
        if (at >= 0) {
            System.arraycopy(ids, 2 * (at + 1), ids, 2 * at, 2 * (size - at - 1));
            size--;
        }
    }

    /** The ids, most recent first. */
    UUID[] newestFirst() {
        UUID[] out = new UUID[size];
        for (int i = 0; i < size; i++) {
            int at = size - 1 - i;
            out[i] = new UUID(ids[2 * at], ids[2 * at + 1]);
        }
        return out;
    }

    int size() {
        return size;
    }

    private int indexOf(long msb, long lsb) {
        for (int i = 0; i < size; i++) {
            if (ids[2 * i] == msb && ids[2 * i + 1] == lsb) {
                return i;
            }
        }
        return -1;
    }
}
