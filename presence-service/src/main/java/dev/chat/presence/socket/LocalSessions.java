package dev.chat.presence.socket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The authenticated sockets of this node by user. A user's sockets are a small copy-on-write array:
 * delivery (the hot path) reads without locking, and changes happen only on open and close.
 */
@Component
public class LocalSessions {

    private final ConcurrentHashMap<UUID, SocketSession[]> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile Consumer<SocketSession> onOverflow = s -> { };

    LocalSessions(MeterRegistry meters) {
        Gauge.builder("chat.presence.sockets.open", open, AtomicInteger::get)
                .description("Authenticated WebSockets open on this node").register(meters);
    }

    void onOverflow(Consumer<SocketSession> handler) {
        this.onOverflow = handler;
    }

    void add(UUID user, SocketSession session) {
        byUser.merge(user, new SocketSession[] {session}, (old, one) -> {
            SocketSession[] more = Arrays.copyOf(old, old.length + 1);
            more[old.length] = one[0];
            return more;
        });
        open.incrementAndGet();
    }

    void remove(UUID user, SocketSession session) {
        boolean[] removed = new boolean[1];
        byUser.computeIfPresent(user, (k, old) -> {
            SocketSession[] rest = Arrays.stream(old).filter(s -> s != session).toArray(SocketSession[]::new);
            removed[0] = rest.length < old.length;
            return rest.length == 0 ? null : rest;
        });
        if (removed[0]) {
            open.decrementAndGet();
        }
    }

    /**
     * Queues {@code frame} on every local socket of {@code user} and notes {@code conversationId} (if any) as
     * active on each socket that took it; returns how many took it.
     */
    public int deliver(UUID user, UUID conversationId, byte[] frame) {
        SocketSession[] sockets = byUser.get(user);
        if (sockets == null) {
            return 0;
        }
        int n = 0;
        for (SocketSession s : sockets) {
            if (send(s, frame)) {
                n++;
                if (conversationId != null) {
                    s.noteActive(conversationId);
                }
            }
        }
        return n;
    }

    /** The user left (or was removed from) the conversation: none of their sockets names it in positions any more. */
    public void forget(UUID user, UUID conversationId) {
        SocketSession[] sockets = byUser.get(user);
        if (sockets != null) {
            for (SocketSession s : sockets) {
                s.forgetActive(conversationId);
            }
        }
    }

    /** Queues {@code frame} on one socket; a socket that reads too slowly is handed to the overflow handler. */
    boolean send(SocketSession s, byte[] frame) {
        if (s.push(frame)) {
            return true;
        }
        if (s.overflowed()) {
            onOverflow.accept(s);
        }
        return false;
    }

    /** Visits every authenticated socket without copying the registry. */
    void forEach(Consumer<SocketSession> action) {
        byUser.values().forEach(sockets -> {
            for (SocketSession s : sockets) {
                action.accept(s);
            }
        });
    }

    public int size() {
        return open.get();
    }

    /** Sockets per user, to write this node's ownership again after its heartbeat lapsed. */
    public Map<UUID, Integer> socketsPerUser() {
        Map<UUID, Integer> counts = new HashMap<>();
        byUser.forEach((user, sockets) -> counts.put(user, sockets.length));
        return counts;
    }

    List<SocketSession> all() {
        List<SocketSession> all = new ArrayList<>();
        byUser.values().forEach(sockets -> all.addAll(Arrays.asList(sockets)));
        return all;
    }
}
