package dev.chat.presence.socket;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One client socket: its state (awaiting auth, open, closed) and its outbound queue. Kept small, since a
 * node holds many idle ones: no per-session threads, timers only until auth, and a linked queue that
 * costs almost nothing while empty. The queue is bounded by {@code maxPending}: frames Netty has not
 * taken yet because the client reads too slowly; past the bound the session reports an overflow and is
 * closed, instead of buffering without limit.
 */
public final class SocketSession {

    private enum State { AWAITING_AUTH, OPEN, CLOSED }

    /** Conversations a socket keeps positions for; a client resumes the others explicitly. */
    static final int RECENT_CONVERSATIONS = 32;

    private final WebSocketSession ws;
    private final String id;
    private final int maxPending;
    private final Sinks.Many<byte[]> outbound =
            Sinks.many().unicast().onBackpressureBuffer(Queues.<byte[]>unbounded(8).get());
    private final AtomicInteger pending = new AtomicInteger();
    private State state = State.AWAITING_AUTH; // guarded by this
    private UUID userId;                        // set once, under this
    private Mono<Long> registration;            // the Redis ownership write, awaited by the release
    private Mono<Void> release;
    private Disposable authTimer;
    private volatile boolean overflowed;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Null until the socket is active in a conversation: an idle socket allocates nothing for it. */
    private RecentConversations recent;        // guarded by this
    /** The epoch of the last welcome or positions frame queued for this socket. */
    private volatile String toldEpoch;

    SocketSession(WebSocketSession ws, String id, int maxPending) {
        this.ws = ws;
        this.id = id;
        this.maxPending = maxPending;
    }

    public String id() {
        return id;
    }

    WebSocketSession ws() {
        return ws;
    }

    /** The authenticated user; null before auth. */
    public synchronized UUID userId() {
        return userId;
    }

    synchronized boolean awaitingAuth() {
        return state == State.AWAITING_AUTH;
    }

    synchronized void authTimer(Disposable timer) {
        this.authTimer = timer;
    }

    /**
     * Marks the session open for {@code user} and runs {@code register} under the session's lock, so a
     * concurrent {@link #release} sees either nothing or the whole registration.
     *
     * @return the registration, or null if the socket closed meanwhile
     */
    synchronized Mono<Long> open(UUID user, Supplier<Mono<Long>> register) {
        if (state != State.AWAITING_AUTH) {
            return null;
        }
        state = State.OPEN;
        userId = user;
        if (authTimer != null) {
            authTimer.dispose();
            authTimer = null;
        }
        registration = register.get().cache();
        return registration;
    }

    /**
     * Closes the session's books once: {@code undo} gets the user and registration (null if it never
     * authenticated) and returns the clean-up, which starts now; later calls return the same clean-up.
     */
    synchronized Mono<Void> release(BiFunction<UUID, Mono<Long>, Mono<Void>> undo) {
        if (release == null) {
            state = State.CLOSED;
            if (authTimer != null) {
                authTimer.dispose();
                authTimer = null;
            }
            outbound.tryEmitComplete();
            release = (userId == null ? Mono.<Void>empty() : undo.apply(userId, registration)).cache();
            release.subscribe(null, e -> { });
        }
        return release;
    }

    /**
     * Queues a frame for this socket.
     *
     * @return false if it was not queued: the socket is closed, or too slow (then {@link #overflowed()})
     */
    public boolean push(byte[] frame) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            overflowed = true;
            return false;
        }
        Sinks.EmitResult result;
        synchronized (this) { // several producers (the delivery channel, replies); the sink wants one at a time
            result = outbound.tryEmitNext(frame);
        }
        if (result.isFailure()) {
            pending.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Notes that {@code conversationId} is active on this socket: a push of it was written here, or the
     * socket's resume was answered for it. Either proves the user is a member, so periodic positions may
     * name it without another membership check.
     */
    synchronized void noteActive(UUID conversationId) {
        if (recent == null) {
            recent = new RecentConversations(RECENT_CONVERSATIONS);
        }
        recent.touch(conversationId);
    }

    /** The user is no longer a member: periodic positions stop naming the conversation. */
    synchronized void forgetActive(UUID conversationId) {
        if (recent != null) {
            recent.remove(conversationId);
        }
    }

    /** The recently active conversations, most recent first; empty for an idle socket. */
    synchronized UUID[] recentConversations() {
        return recent == null ? RecentConversations.none() : recent.newestFirst();
    }

    String toldEpoch() {
        return toldEpoch;
    }

    void toldEpoch(String epoch) {
        this.toldEpoch = epoch;
    }

    boolean overflowed() {
        return overflowed;
    }

    /** True for the first caller only: the socket is closed once, whoever notices first. */
    boolean startClosing() {
        return closing.compareAndSet(false, true);
    }

    /** What the socket writes; a frame leaves the pending count once Netty asks for it. */
    Flux<WebSocketMessage> outbound() {
        return outbound.asFlux().map(bytes -> {
            pending.decrementAndGet();
            return new WebSocketMessage(WebSocketMessage.Type.TEXT, ws.bufferFactory().wrap(bytes));
        });
    }
}
