package dev.chat.gateway;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition the gateway reaches on its own time (a health probe, a held request). */
public final class Await {

    public static final Duration BOUND = Duration.ofSeconds(15);

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + BOUND + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
