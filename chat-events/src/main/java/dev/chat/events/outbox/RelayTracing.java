package dev.chat.events.outbox;

import org.apache.kafka.common.header.Headers;

/**
 * The trace context the relay puts on its records. The request that wrote a row has long returned when the
 * relay sends it (the outbox table has no column for its context), so each round is a trace of its own and
 * its records carry that: the consumers' spans join the relay's round, not the original request.
 */
public interface RelayTracing {

    RelayTracing NONE = rows -> new Round() {
        @Override
        public void inject(Headers headers) {
        }

        @Override
        public void close() {
        }
    };

    /** Opened before a round's sends, closed after its acks. */
    Round start(int rows);

    interface Round extends AutoCloseable {
        void inject(Headers headers);

        @Override
        void close();
    }
}
