package dev.chat.message.changes;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets at most {@code chat.message.connections-per-conversation} (default 2) changes per conversation (per
 * stripe of conversations: sends, edits, deletes) hold a database connection at once.
 *
 * <p>One conversation's changes serialize on its seq row lock anyway ({@link ChangeSequence}). Without this gate a burst into one busy
 * conversation would park every pooled connection on that lock, and sends to quiet conversations would
 * queue for a connection behind it (measured on 2 cores: 64 senders into one conversation pushed other
 * conversations' median send from ~27 ms to ~85-190 ms without the gate). Two permits, not one, so the next
 * change already waits on the row lock while the current one commits (no idle gap). Correctness still comes from the row lock, across instances;
 * this is only about fair use of this instance's pool. Semaphores park virtual threads without pinning.
 */
@Component
public class ConversationGate {

    private static final int STRIPES = 1024;

    private final Semaphore[] stripes = new Semaphore[STRIPES];

    public ConversationGate(@Value("${chat.message.connections-per-conversation}") int permits) {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Semaphore(permits);
        }
    }

    public <T> T through(UUID conversationId, Supplier<T> work) {
        Semaphore stripe = stripes[Math.floorMod(conversationId.hashCode(), STRIPES)];
        stripe.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            stripe.release();
        }
    }
}
