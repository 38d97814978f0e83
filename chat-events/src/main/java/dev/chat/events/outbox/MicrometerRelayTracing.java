package dev.chat.events.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;

/** {@link RelayTracing} with Micrometer Tracing: a {@code chat.outbox.relay} span per round, W3C headers. */
final class MicrometerRelayTracing implements RelayTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    MicrometerRelayTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Round start(int rows) {
        Span span = tracer.spanBuilder().name("chat.outbox.relay").kind(Span.Kind.PRODUCER)
                .tag("chat.rows", String.valueOf(rows)).start();
        return new Round() {
            @Override
            public void inject(org.apache.kafka.common.header.Headers headers) {
                propagator.inject(span.context(), headers,
                        (carrier, key, value) -> carrier.add(key, value.getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public void close() {
                span.end();
            }
        };
    }
}
