package dev.chat.presence.presence;

import dev.chat.events.PresenceChanged;
import dev.chat.events.outbox.OutboxWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Records a user's ONLINE/OFFLINE transition and publishes {@link PresenceChanged} through the outbox,
 * in one transaction. JDBC blocks, so it runs off the event loop, on a few single-threaded lanes (virtual
 * threads) chosen by user: one user's transitions are written in the order they happened on this node.
 */
@Component
public class PresenceTransitions implements DisposableBean {

    static final String ONLINE = "ONLINE";
    static final String OFFLINE = "OFFLINE";
    private static final int LANES = 4;

    private final UserPresenceRepository repository;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final ExecutorService[] executors = new ExecutorService[LANES];
    private final Scheduler[] lanes = new Scheduler[LANES];

    PresenceTransitions(UserPresenceRepository repository, OutboxWriter outbox, TransactionTemplate tx) {
        this.repository = repository;
        this.outbox = outbox;
        this.tx = tx;
        for (int i = 0; i < LANES; i++) {
            executors[i] = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("presence-lane-" + i).factory());
            lanes[i] = Schedulers.fromExecutorService(executors[i], "presence-lane-" + i);
        }
    }

    /** The user's first socket on any node opened. */
    public Mono<Void> online(UUID user) {
        return transition(user, ONLINE);
    }

    /** The user's last socket on any node closed (or its node died). */
    public Mono<Void> offline(UUID user) {
        return transition(user, OFFLINE);
    }

    private Mono<Void> transition(UUID user, String status) {
        return Mono.<Void>fromRunnable(() -> tx.executeWithoutResult(s -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    repository.record(user, status, now);
                    outbox.append(new PresenceChanged(user, status, now, now));
                }))
                .subscribeOn(lanes[Math.floorMod(user.hashCode(), LANES)]);
    }

    @Override
    public void destroy() {
        for (ExecutorService e : executors) {
            e.close(); // waits for queued transitions
        }
    }
}
