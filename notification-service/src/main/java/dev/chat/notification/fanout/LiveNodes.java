package dev.chat.notification.fanout;

import java.time.Duration;
import java.util.Set;

/**
 * The presence nodes whose heartbeat key exists, as last read from Redis. Trusted for a short TTL, so a
 * busy fan-out reads it about once a second instead of checking heartbeats per event. A node id the
 * snapshot has never seen (a node that started after it) makes the caller read it again at once.
 */
final class LiveNodes {

    private static final long MIN_REFRESH_GAP_NANOS = Duration.ofMillis(100).toNanos();

    private record Snapshot(Set<String> live, Set<String> dead, long readAt) {
    }

    private final long ttlNanos;
    private volatile Snapshot snapshot = new Snapshot(Set.of(), Set.of(), Long.MIN_VALUE);

    LiveNodes(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    boolean stale() {
        long readAt = snapshot.readAt;
        return readAt == Long.MIN_VALUE || System.nanoTime() - readAt > ttlNanos;
    }

    /** True for a node the snapshot knows nothing of, when a re-read is allowed (at most every 100 ms). */
    boolean worthRereadFor(String node) {
        Snapshot s = snapshot;
        return !s.live.contains(node) && !s.dead.contains(node)
                && (s.readAt == Long.MIN_VALUE || System.nanoTime() - s.readAt > MIN_REFRESH_GAP_NANOS);
    }

    void update(Set<String> live, Set<String> dead) {
        snapshot = new Snapshot(Set.copyOf(live), Set.copyOf(dead), System.nanoTime());
    }

    boolean isLive(String node) {
        return snapshot.live.contains(node);
    }
}
