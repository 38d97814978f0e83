package dev.chat.presence.socket;

import dev.chat.events.socket.ServerFrames;
import dev.chat.presence.config.PresenceProperties;
import dev.chat.presence.resume.Epoch;
import dev.chat.presence.resume.Positions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Centrifugo-style positioning: every {@code positions-interval} each socket gets a {@code positions} frame
 * with the latest seq of its recently active conversations and the epoch, so a push lost with nothing after
 * it shows up within one period, and so does a lost Redis (new epoch). The sockets are spread over
 * {@value #SLICES} slices by their id, one slice per tick, so a node never writes to all its sockets at once;
 * each tick reads the union of its sockets' conversations in chunks (never one Redis call per socket).
 * <p>
 * No membership check here: a socket's set holds only conversations it proved membership for (a push of
 * it reached the socket, or its resume was answered for it). A socket with an empty set gets a frame only
 * when the epoch moved since it was last told one (then with no entries: "catch up on everything").
 */
@Component
class PeriodicPositions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicPositions.class);
    static final int SLICES = 10;

    private final LocalSessions sessions;
    private final Positions positions;
    private final Epoch epoch;
    private final Duration interval;
    private volatile Disposable timer;

    PeriodicPositions(LocalSessions sessions, Positions positions, Epoch epoch, PresenceProperties properties) {
        this.sessions = sessions;
        this.positions = positions;
        this.epoch = epoch;
        this.interval = properties.socket().positionsInterval();
    }

    @Override
    public void start() {
        Duration tick = Duration.ofMillis(Math.max(10, interval.toMillis() / SLICES));
        // Nodes started together start their slices at different moments.
        Duration first = tick.plusMillis(ThreadLocalRandom.current().nextLong(tick.toMillis()));
        timer = Flux.interval(first, tick)
                .onBackpressureDrop() // a slow round skips ticks rather than queueing them
                .concatMap(n -> slice((int) (n % SLICES)).onErrorResume(e -> {
                    log.warn("periodic positions failed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable t = timer;
        if (t != null) {
            t.dispose();
        }
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    Mono<Void> slice(int slot) {
        String known = epoch.current();
        List<SocketSession> due = new ArrayList<>();
        List<UUID[]> conversations = new ArrayList<>();
        Set<String> union = new HashSet<>();
        sessions.forEach(s -> {
            if (Math.floorMod(s.id().hashCode(), SLICES) != slot) {
                return;
            }
            String told = s.toldEpoch();
            if (told == null) {
                return; // not welcomed yet: welcome comes first, and carries the epoch
            }
            UUID[] recent = s.recentConversations();
            if (recent.length == 0 && told.equals(known)) {
                return;
            }
            due.add(s);
            conversations.add(recent);
            for (UUID id : recent) {
                union.add(id.toString());
            }
        });
        if (due.isEmpty()) {
            return Mono.empty();
        }
        return positions.of(union)
                .publishOn(Schedulers.parallel()) // off the Redis client's thread: a slice may be many frames
                .doOnNext(snapshot -> {
                    for (int i = 0; i < due.size(); i++) {
                        SocketSession s = due.get(i);
                        Map<String, Long> own = new LinkedHashMap<>();
                        for (UUID id : conversations.get(i)) {
                            String key = id.toString();
                            own.put(key, snapshot.positions().getOrDefault(key, 0L));
                        }
                        if (sessions.send(s, ServerFrames.positions(snapshot.epoch(), own))) {
                            s.toldEpoch(snapshot.epoch());
                        }
                    }
                })
                .then();
    }
}
