package dev.chat.message.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConversationGateTest {

    @Test
    void noMoreThanThePermittedSendsOfOneConversationRunAtOnce() throws Exception {
        var gate = new ConversationGate(2);
        UUID conversation = UUID.randomUUID();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                pool.submit(() -> gate.through(conversation, () -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return inside.decrementAndGet();
                }));
            }
            while (inside.get() < 2) {
                Thread.onSpinWait();
            }
            // Another conversation is not held up by the busy one (unless it shares the stripe).
            UUID other = otherStripe(conversation);
            assertThat(gate.through(other, () -> "through")).isEqualTo("through");
            release.countDown();
        }

        assertThat(most.get()).isEqualTo(2);
        assertThat(inside.get()).isZero();
    }

    @Test
    void aFailingSendGivesItsPermitBack() {
        var gate = new ConversationGate(1);
        UUID conversation = UUID.randomUUID();

        for (int i = 0; i < 3; i++) {
            try {
                gate.through(conversation, () -> {
                    throw new IllegalStateException("boom");
                });
            } catch (IllegalStateException expected) {
                // next
            }
        }

        assertThat(gate.through(conversation, () -> "still open")).isEqualTo("still open");
    }

    private static UUID otherStripe(UUID conversation) {
        UUID other;
        do {
            other = UUID.randomUUID();
        } while (Math.floorMod(other.hashCode(), 1024) == Math.floorMod(conversation.hashCode(), 1024));
        return other;
    }
}
