package dev.chat.presence.socket;

import io.micrometer.core.instrument.Counter;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One client socket: its state (awaiting auth, open, closed) and its outbound queue. Kept small, since a
 * node holds many idle ones: no per-session threads, timers only until auth, and a linked queue that
 * costs almost nothing while empty. The queue is bounded by {@code maxPending}: frames Netty has not
 * taken yet because the client reads too slowly; past the bound the session reports an overflow and is
 * closed, instead of buffering without limit. Frames queued together leave as one WebSocket message
 * ({@link SocketOutbound}).
 */
public final class SocketSession {

    private enum State { AWAITING_AUTH, OPEN, CLOSED }

    /** Conversations a socket keeps positions for; a client resumes the others explicitly. */
    static final int RECENT_CONVERSATIONS = 32;

    private final WebSocketSession ws;
    private final String id;
    private final SocketOutbound outbound;
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

    SocketSession(WebSocketSession ws, String id, int maxPending, SocketOutbound.Coalescing coalescing,
                  Counter messagesWritten, Counter framesWritten) {
        this.ws = ws;
        this.id = id;
        // Drained on the socket's event loop, where Netty writes; a session that is not Netty's drains inline.
        Executor drainer = ws instanceof NettyUpgradeStrategy.Session netty ? netty.eventLoop() : Runnable::run;
        this.outbound = new SocketOutbound(drainer, ws.bufferFactory(), maxPending, coalescing,
                messagesWritten, framesWritten);
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
            outbound.complete();
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
        return switch (outbound.offer(frame)) {
            case QUEUED -> true;
            case FULL -> {
                overflowed = true;
                yield false;
            }
            case CLOSED -> false;
        };
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

    /** Frames queued and not yet taken into a message for Netty. */
    int pending() {
        return outbound.pending();
    }

    /** What the socket writes: one message per frame, or per run of frames queued together. */
    Flux<WebSocketMessage> outbound() {
        return outbound;
    }
}
