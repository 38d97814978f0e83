package dev.chat.presence.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.socket.WebSocketMessage;
import reactor.core.publisher.BaseSubscriber;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SocketOutboundTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The socket's event loop, run by hand: tasks wait until the test runs them, as behind a busy loop. */
    private final Queue<Runnable> loop = new ArrayDeque<>();
    private final Executor eventLoop = loop::add;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Counter messagesWritten = meters.counter("messages");
    private final Counter framesWritten = meters.counter("frames");

    private SocketOutbound outbound(int maxPending, int maxFrames, int maxBytes) {
        return new SocketOutbound(eventLoop, DefaultDataBufferFactory.sharedInstance, maxPending,
                new SocketOutbound.Coalescing(maxFrames, maxBytes), messagesWritten, framesWritten);
    }

    private static byte[] frame(int n) {
        return ("{\"type\":\"f\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
    }

    private int runLoop() {
        int tasks = 0;
        for (Runnable task; (task = loop.poll()) != null; tasks++) {
            task.run();
        }
        return tasks;
    }

    /** Netty's side: takes messages as it is given demand, like Reactor Netty's send. */
    private static final class Writer extends BaseSubscriber<WebSocketMessage> {
        final List<String> messages = new ArrayList<>();
        private final long initialDemand;
        boolean completed;

        Writer(long initialDemand) {
            this.initialDemand = initialDemand;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (initialDemand > 0) {
                request(initialDemand);
            }
        }

        @Override
        protected void hookOnNext(WebSocketMessage message) {
            messages.add(message.getPayloadAsText());
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }

        /** Every frame received, in order, whether a message carried one or an array of them. */
        List<Integer> frameNumbers() {
            List<Integer> numbers = new ArrayList<>();
            for (String text : messages) {
                JsonNode message = JSON.readTree(text);
                if (message.isArray()) {
                    message.forEach(f -> numbers.add(f.get("n").asInt()));
                } else {
                    numbers.add(message.get("n").asInt());
                }
            }
            return numbers;
        }
    }

    @Test
    void aFrameAloneIsWrittenAsItselfNotAsAnArray() {
        SocketOutbound outbound = outbound(16, 64, 65_536);
        Writer writer = new Writer(128);
        outbound.subscribe(writer);

        outbound.offer(frame(1));
        runLoop();

        assertThat(writer.messages).containsExactly("{\"type\":\"f\",\"n\":1}");
        assertThat(outbound.pending()).isZero();
    }

    @Test
    void framesQueuedBeforeTheEventLoopDrainsLeaveInOneMessageInOrder() {
        SocketOutbound outbound = outbound(16, 64, 65_536);
        Writer writer = new Writer(128);
        outbound.subscribe(writer);

        for (int i = 1; i <= 5; i++) {
            assertThat(outbound.offer(frame(i))).isEqualTo(SocketOutbound.Offer.QUEUED);
        }
        assertThat(outbound.pending()).isEqualTo(5);
        assertThat(runLoop()).as("one drain task for the whole run of frames").isEqualTo(1);

        assertThat(writer.messages).hasSize(1);
        assertThat(writer.messages.getFirst()).startsWith("[{").endsWith("}]");
        assertThat(writer.frameNumbers()).containsExactly(1, 2, 3, 4, 5);
        assertThat(outbound.pending()).isZero();
        assertThat(messagesWritten.count()).isEqualTo(1);
        assertThat(framesWritten.count()).isEqualTo(5);
    }

    @Test
    void framesQueuedWhileNettyHasNoDemandLeaveTogetherWhenItAsks() {
        SocketOutbound outbound = outbound(16, 64, 65_536);
        Writer writer = new Writer(1);
        outbound.subscribe(writer);
        outbound.offer(frame(1));
        runLoop();
        for (int i = 2; i <= 4; i++) {
            outbound.offer(frame(i));
        }
        runLoop();
        assertThat(writer.messages).hasSize(1); // still writing the first one
        assertThat(outbound.pending()).isEqualTo(3);

        writer.request(1);

        assertThat(writer.messages).hasSize(2);
        assertThat(writer.frameNumbers()).containsExactly(1, 2, 3, 4);
        assertThat(outbound.pending()).isZero();
    }

    @Test
    void aMessageStopsAtTheFrameAndByteBounds() {
        int frameLength = frame(1).length; // 18 bytes for n < 10
        // Three frames take [ + 3 * 18 + 2 commas + ] = 58 bytes; a fourth (77) would not fit in 70.
        SocketOutbound outbound = outbound(64, 64, 70);
        Writer writer = new Writer(128);
        outbound.subscribe(writer);
        for (int i = 1; i <= 7; i++) {
            outbound.offer(frame(i));
        }
        runLoop();
        assertThat(frameLength).isEqualTo(18);
        assertThat(writer.messages).allSatisfy(m -> assertThat(m.length()).isLessThanOrEqualTo(70));
        assertThat(writer.messages).hasSize(3);
        assertThat(writer.frameNumbers()).containsExactly(1, 2, 3, 4, 5, 6, 7);

        SocketOutbound byCount = outbound(64, 2, 65_536);
        Writer counted = new Writer(128);
        byCount.subscribe(counted);
        for (int i = 1; i <= 5; i++) {
            byCount.offer(frame(i));
        }
        runLoop();
        assertThat(counted.messages).hasSize(3);
        assertThat(counted.frameNumbers()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aFrameOverTheByteBoundGoesAloneAndOneFramePerMessageTurnsCoalescingOff() {
        // Two small frames fit in 40 bytes ([ + 18 + , + 18 + ] = 39); the big one fits in no message of 40.
        SocketOutbound outbound = outbound(16, 64, 40);
        Writer writer = new Writer(128);
        outbound.subscribe(writer);
        byte[] big = ("{\"type\":\"f\",\"n\":9,\"pad\":\"" + "x".repeat(40) + "\"}").getBytes(StandardCharsets.UTF_8);
        outbound.offer(frame(1));
        outbound.offer(frame(2));
        outbound.offer(big);
        outbound.offer(frame(3));
        runLoop();
        assertThat(writer.messages).hasSize(3);
        assertThat(writer.messages.get(1)).isEqualTo(new String(big, StandardCharsets.UTF_8));
        assertThat(writer.frameNumbers()).containsExactly(1, 2, 9, 3);

        SocketOutbound off = outbound(16, 1, 65_536);
        Writer single = new Writer(128);
        off.subscribe(single);
        for (int i = 1; i <= 3; i++) {
            off.offer(frame(i));
        }
        runLoop();
        assertThat(single.messages).containsExactly(
                "{\"type\":\"f\",\"n\":1}", "{\"type\":\"f\",\"n\":2}", "{\"type\":\"f\",\"n\":3}");
    }

    @Test
    void pastMaxPendingAFrameIsRefusedAndTheQueuedOnesStillGo() {
        SocketOutbound outbound = outbound(3, 64, 65_536);
        Writer writer = new Writer(0);
        outbound.subscribe(writer);
        for (int i = 1; i <= 3; i++) {
            assertThat(outbound.offer(frame(i))).isEqualTo(SocketOutbound.Offer.QUEUED);
        }
        assertThat(outbound.offer(frame(4))).isEqualTo(SocketOutbound.Offer.FULL);
        assertThat(outbound.pending()).isEqualTo(3);

        runLoop();
        writer.request(1);
        assertThat(writer.frameNumbers()).containsExactly(1, 2, 3);
        assertThat(outbound.pending()).isZero();
    }

    @Test
    void framesWaitingOnlyForTheEventLoopWithinNettysDemandAreNotABacklog() {
        SocketOutbound outbound = outbound(3, 64, 65_536);
        Writer writer = new Writer(2); // Netty asked for two messages; the drain has not run yet
        outbound.subscribe(writer);
        for (int i = 1; i <= 5; i++) {
            assertThat(outbound.offer(frame(i))).as("frame " + i).isEqualTo(SocketOutbound.Offer.QUEUED);
        }
        assertThat(outbound.offer(frame(6))).isEqualTo(SocketOutbound.Offer.FULL);

        runLoop();
        assertThat(writer.messages).hasSize(1);
        assertThat(writer.frameNumbers()).containsExactly(1, 2, 3, 4, 5);
        assertThat(outbound.pending()).isZero();
    }

    @Test
    void completingWritesWhatIsQueuedThenEndsAndRefusesMore() {
        SocketOutbound outbound = outbound(16, 64, 65_536);
        Writer writer = new Writer(0);
        outbound.subscribe(writer);
        outbound.offer(frame(1));
        outbound.offer(frame(2));
        outbound.complete();
        assertThat(outbound.offer(frame(3))).isEqualTo(SocketOutbound.Offer.CLOSED);
        runLoop();
        assertThat(writer.completed).isFalse(); // two frames not written yet

        writer.request(1);
        assertThat(writer.frameNumbers()).containsExactly(1, 2);
        assertThat(writer.completed).isTrue();
    }

    @Test
    void aCancelledOutboundDropsItsQueueAndRefusesMore() {
        SocketOutbound outbound = outbound(16, 64, 65_536);
        Writer writer = new Writer(0);
        outbound.subscribe(writer);
        outbound.offer(frame(1));
        writer.cancel();
        assertThat(outbound.pending()).isZero();
        assertThat(outbound.offer(frame(2))).isEqualTo(SocketOutbound.Offer.CLOSED);
        runLoop();
        assertThat(writer.messages).isEmpty();
    }
}
