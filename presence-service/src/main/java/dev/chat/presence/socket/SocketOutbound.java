package dev.chat.presence.socket;

import io.micrometer.core.instrument.Counter;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;

/**
 * A socket's outbound queue, and the publisher Netty writes from. Frames are queued from any thread; the
 * queue is drained on the socket's event loop whenever Netty has demand, and everything queued by then (up to
 * {@code maxFrames} and {@code maxBytes}) leaves as one WebSocket message: a JSON array of the frames in order,
 * joined from their bytes, or the frame itself when it is alone (docs/websocket-protocol.md).
 *
 * <p>Nothing waits to gather more. A lone frame costs the same single hop to the event loop as before (Reactor
 * Netty hopped there anyway); frames gather only while that hop is pending (the event loop is busy: a burst of
 * batches arrived) or while Netty holds its bounded number of unfinished writes (the client is behind), which is
 * when fewer, larger messages pay off. At most one drain task is queued per socket, however many frames come.
 *
 * <p>{@code pending} counts the frames in this queue (not yet in a message handed to Netty). A frame is refused
 * (the session then reports the socket as too slow) once more than {@code maxPending} frames wait beyond the
 * messages Netty has already asked for, the same bound as when each frame went straight to Netty's write-ahead:
 * a burst that merely waits for the event-loop hop is not a slow client. An idle socket holds
 * this object and an empty linked queue: no buffers, no timers, no per-frame task.
 */
final class SocketOutbound extends Flux<WebSocketMessage> implements Subscription, Runnable {

    private static final byte OPEN = '[';
    private static final byte COMMA = ',';
    private static final byte CLOSE = ']';

    private final Queue<byte[]> queue = Queues.<byte[]>unboundedMultiproducer().get();
    private final Executor eventLoop;
    private final DataBufferFactory buffers;
    private final int maxPending;
    private final int maxFrames;
    private final int maxBytes;
    private final Counter messagesWritten;
    private final Counter framesWritten;

    private volatile CoreSubscriber<? super WebSocketMessage> actual;
    private volatile boolean done;      // no more frames: complete once the queue is drained
    private volatile boolean cancelled; // Netty stopped writing (the connection ended)

    private volatile int pending;
    private volatile int wip;
    private volatile int scheduled;
    private volatile int subscribed;
    private volatile long requested;
    private static final AtomicIntegerFieldUpdater<SocketOutbound> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(SocketOutbound.class, "pending");
    private static final AtomicIntegerFieldUpdater<SocketOutbound> WIP =
            AtomicIntegerFieldUpdater.newUpdater(SocketOutbound.class, "wip");
    private static final AtomicIntegerFieldUpdater<SocketOutbound> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(SocketOutbound.class, "scheduled");
    private static final AtomicIntegerFieldUpdater<SocketOutbound> SUBSCRIBED =
            AtomicIntegerFieldUpdater.newUpdater(SocketOutbound.class, "subscribed");
    private static final AtomicLongFieldUpdater<SocketOutbound> REQUESTED =
            AtomicLongFieldUpdater.newUpdater(SocketOutbound.class, "requested");

    /**
     * @param eventLoop where the queue is drained: the socket's event loop ({@code Runnable::run} drains on the
     *                  pushing thread, and then frames gather only while Netty has no demand)
     * @param buffers   wraps a message's bytes for the WebSocket message
     */
    SocketOutbound(Executor eventLoop, DataBufferFactory buffers, int maxPending, Coalescing coalescing,
                   Counter messagesWritten, Counter framesWritten) {
        this.eventLoop = eventLoop;
        this.buffers = buffers;
        this.maxPending = maxPending;
        this.maxFrames = Math.max(1, coalescing.maxFrames());
        this.maxBytes = coalescing.maxBytes();
        this.messagesWritten = messagesWritten;
        this.framesWritten = framesWritten;
    }

    /** How many frames one message may carry, and its size bound (brackets and commas included). */
    record Coalescing(int maxFrames, int maxBytes) {
    }

    enum Offer { QUEUED, FULL, CLOSED }

    /** Queues a frame; FULL past {@code maxPending} (the client reads too slowly), CLOSED once the socket ended. */
    Offer offer(byte[] frame) {
        if (done || cancelled) {
            return Offer.CLOSED;
        }
        int queued = PENDING.incrementAndGet(this);
        // Frames within the demand Netty has given are not behind: without the hop to the event loop they would
        // already sit in Netty's write-ahead (up to 128 messages). Only frames beyond that demand are a backlog.
        if (queued > maxPending && queued - maxPending > requested) {
            PENDING.decrementAndGet(this);
            return Offer.FULL;
        }
        queue.offer(frame);
        schedule();
        return Offer.QUEUED;
    }

    /** No more frames: the ones queued are still written, then the stream completes. */
    void complete() {
        done = true;
        schedule();
    }

    /** Frames queued and not yet handed to Netty. */
    int pending() {
        return pending;
    }

    @Override
    public void subscribe(CoreSubscriber<? super WebSocketMessage> subscriber) {
        if (!SUBSCRIBED.compareAndSet(this, 0, 1)) {
            Operators.error(subscriber, new IllegalStateException("a socket's outbound is written once"));
            return;
        }
        actual = subscriber;
        subscriber.onSubscribe(this);
        drain();
    }

    /** Netty asks for more messages (on the event loop): drain what is queued now. */
    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            Operators.addCap(REQUESTED, this, n);
            drain();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    /** The drain task on the event loop. */
    @Override
    public void run() {
        scheduled = 0; // frames queued from now on schedule another drain, so none is left behind
        drain();
    }

    private void schedule() {
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            try {
                eventLoop.execute(this);
            } catch (RejectedExecutionException e) { // the event loop is shutting down
                run();
            }
        }
    }

    /** Serialized (whoever comes while it runs makes it loop once more): emits as many messages as demanded. */
    private void drain() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            CoreSubscriber<? super WebSocketMessage> a = actual;
            if (cancelled) {
                discard();
                return; // wip stays above 0: nothing drains again
            }
            if (a != null) {
                long r = requested;
                long emitted = 0;
                while (emitted != r && !cancelled) {
                    WebSocketMessage message = nextMessage();
                    if (message == null) {
                        break;
                    }
                    a.onNext(message);
                    emitted++;
                }
                if (cancelled) {
                    discard();
                    return;
                }
                if (done && queue.isEmpty()) {
                    a.onComplete();
                    return;
                }
                if (emitted != 0) {
                    Operators.produced(REQUESTED, this, emitted);
                }
            }
            missed = WIP.addAndGet(this, -missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** The next message: the queued frames that fit in one, joined; null if none is queued. */
    private WebSocketMessage nextMessage() {
        byte[] first = queue.poll();
        if (first == null) {
            return null;
        }
        byte[] second = maxFrames > 1 ? queue.peek() : null;
        if (second == null || 3L + first.length + second.length > maxBytes) {
            return taken(first, 1);
        }
        byte[][] parts = new byte[Math.min(maxFrames, 8)][];
        parts[0] = first;
        int n = 1;
        long size = 1L + first.length; // '[' and the frames so far with their commas
        byte[] frame;
        while (n < maxFrames && (frame = queue.peek()) != null && size + 1 + frame.length + 1 <= maxBytes) {
            queue.poll();
            if (n == parts.length) {
                parts = Arrays.copyOf(parts, Math.min(maxFrames, n * 2));
            }
            parts[n++] = frame;
            size += 1 + frame.length;
        }
        byte[] joined = new byte[(int) size + 1];
        joined[0] = OPEN;
        int at = 1;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                joined[at++] = COMMA;
            }
            System.arraycopy(parts[i], 0, joined, at, parts[i].length);
            at += parts[i].length;
        }
        joined[at] = CLOSE;
        return taken(joined, n);
    }

    private WebSocketMessage taken(byte[] bytes, int frames) {
        PENDING.addAndGet(this, -frames);
        messagesWritten.increment();
        framesWritten.increment(frames);
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, buffers.wrap(bytes));
    }

    private void discard() {
        int dropped = 0;
        while (queue.poll() != null) {
            dropped++;
        }
        if (dropped > 0) {
            PENDING.addAndGet(this, -dropped);
        }
    }
}
