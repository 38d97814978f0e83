package dev.chat.presence.node;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.presence.config.PresenceProperties;
import dev.chat.presence.delivery.NodeChannelListener;
import dev.chat.presence.presence.PresenceTransitions;
import dev.chat.presence.resume.Epoch;
import dev.chat.presence.socket.LocalSessions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The node's life in Redis. Start (before the web server accepts sockets): listen on the node's channel,
 * clear what an earlier process with the same id left, read (or create) the epoch, write the heartbeat and
 * join {@code rt:nodes}. While running: refresh the epoch, the heartbeat and the {@code rt:nodes} entry, write
 * this node's socket ownership again when Redis lost it, and sweep the entries of nodes whose heartbeat expired
 * (any live node may do it; the sweep scripts make it safe to race). Stop (after the sockets were drained and
 * the web server stopped): remove this node's entries and its heartbeat.
 */
@Component
class NodeLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeLifecycle.class);
    private static final Duration BLOCK = Duration.ofSeconds(30);

    private final ReactiveStringRedisTemplate redis;
    private final SocketOwnership ownership;
    private final LocalSessions sessions;
    private final PresenceTransitions presence;
    private final NodeChannelListener channel;
    private final Epoch epoch;
    private final PresenceProperties properties;
    private final String nodeId;
    private final Disposable.Composite timers = Disposables.composite();
    private volatile boolean running;
    /** The epoch at the last heartbeat, to notice a Redis that lost its data even if our key came back. */
    private volatile String beatEpoch;
    /** Set when this node's entries must be written again; cleared only once that succeeded. */
    private volatile boolean reassertPending;

    NodeLifecycle(ReactiveStringRedisTemplate redis, SocketOwnership ownership, LocalSessions sessions,
                  PresenceTransitions presence, NodeChannelListener channel, Epoch epoch,
                  PresenceProperties properties, NodeId nodeId) {
        this.redis = redis;
        this.ownership = ownership;
        this.sessions = sessions;
        this.presence = presence;
        this.channel = channel;
        this.epoch = epoch;
        this.properties = properties;
        this.nodeId = nodeId.value();
    }

    @Override
    public void start() {
        // Pub/sub keeps nothing for a channel nobody listens on: listen before anyone can route to us.
        channel.listen().block(BLOCK);
        sweepNode(nodeId).block(BLOCK);
        heartbeat().block(BLOCK);
        Duration every = properties.heartbeatInterval();
        timers.add(Flux.interval(every, every)
                .concatMap(tick -> heartbeat().onErrorResume(e -> {
                    log.warn("heartbeat of node {} failed: {}", nodeId, e.toString());
                    return Mono.empty();
                }))
                .subscribe());
        Duration sweep = properties.sweepInterval();
        // Jitter, so the nodes of a fleet started together do not all sweep at the same moment.
        Duration firstSweep = sweep.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, sweep.toMillis())));
        timers.add(Flux.interval(firstSweep, sweep)
                .concatMap(tick -> sweepDeadNodes().onErrorResume(e -> {
                    log.warn("sweep of dead nodes failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe());
        running = true;
        log.info("presence node {} joined, listening on {}", nodeId, RealtimeKeys.channel(nodeId));
    }

    @Override
    public void stop() {
        running = false;
        timers.dispose();
        try {
            sweepNode(nodeId)
                    .then(redis.delete(RealtimeKeys.heartbeat(nodeId)))
                    .then(redis.opsForSet().remove(RealtimeKeys.NODES, nodeId))
                    .block(BLOCK);
            log.info("presence node {} left", nodeId);
        } catch (RuntimeException e) {
            log.warn("node {} could not remove its entries (the other nodes sweep them once the heartbeat "
                    + "expires): {}", nodeId, e.toString());
        }
        channel.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts (DEFAULT_PHASE - 2048), so it also stops after the server. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }

    /**
     * Refreshes the epoch, the heartbeat and the {@code rt:nodes} entry. If the heartbeat had expired (a long
     * pause, Redis away) the other nodes may have swept this node's entries; if the epoch changed, Redis lost
     * everything (a restart without persistence, a failover, FLUSHALL). Either way this node writes its socket
     * ownership again from the sockets it really holds, and users that had no entry left go ONLINE again.
     */
    Mono<Void> heartbeat() {
        boolean firstBeat = !running;
        return epoch.refresh().flatMap(now -> {
            String before = beatEpoch;
            beatEpoch = now;
            boolean epochChanged = before != null && !before.equals(now);
            return redis.opsForValue()
                    .setGet(RealtimeKeys.heartbeat(nodeId), Long.toString(System.currentTimeMillis()),
                            properties.heartbeatTtl())
                    .hasElement()
                    .flatMap(wasAlive -> {
                        if (!firstBeat && (!wasAlive || epochChanged)) {
                            reassertPending = true;
                            log.warn("node {}: {}; writing its socket ownership again", nodeId,
                                    epochChanged ? "Redis lost its data (new epoch)" : "its heartbeat had expired");
                        }
                        return redis.opsForSet().add(RealtimeKeys.NODES, nodeId)
                                .then(reassertPending ? reassert() : Mono.<Void>empty());
                    });
        });
    }

    private Mono<Void> reassert() {
        return Flux.fromIterable(sessions.socketsPerUser().entrySet())
                .flatMap(e -> ownership.reassert(e.getKey(), e.getValue())
                        .flatMap(wasGone -> wasGone ? presence.online(e.getKey()) : Mono.empty()), 16)
                .then(Mono.fromRunnable(() -> reassertPending = false));
    }

    Mono<Void> sweepDeadNodes() {
        return redis.opsForSet().members(RealtimeKeys.NODES)
                .filter(node -> !node.equals(nodeId))
                .filterWhen(node -> redis.hasKey(RealtimeKeys.heartbeat(node)).map(alive -> !alive))
                .concatMap(node -> {
                    log.info("sweeping the entries of dead presence node {}", node);
                    return sweepNode(node).then(redis.opsForSet().remove(RealtimeKeys.NODES, node));
                })
                .then();
    }

    /** Removes every entry of {@code node}; users left with no socket anywhere go OFFLINE. */
    private Mono<Void> sweepNode(String node) {
        String usersKey = RealtimeKeys.nodeUsers(node);
        return redis.opsForSet().scan(usersKey)
                .flatMap(user -> {
                    UUID userId = UUID.fromString(user);
                    return ownership.sweep(node, userId)
                            .flatMap(last -> last ? presence.offline(userId) : Mono.empty());
                }, 16)
                .then(redis.delete(usersKey))
                .then();
    }
}
