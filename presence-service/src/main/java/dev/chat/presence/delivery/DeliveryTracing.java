package dev.chat.presence.delivery;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.function.IntSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Continues the trace of a delivered event on this node: the fan-out copies the {@code traceparent} of the
 * event's Kafka record into the batch (the node channel is Redis pub/sub, which has no headers), and the writes
 * to the local sockets run in a {@code chat.presence.deliver} span of that trace.
 */
@Component
class DeliveryTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    DeliveryTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    int deliver(String traceparent, IntSupplier delivery) {
        if (traceparent == null || tracer == Tracer.NOOP) {
            return delivery.getAsInt();
        }
        Span span = propagator.extract(traceparent, (carrier, key) -> "traceparent".equals(key) ? carrier : null)
                .name("chat.presence.deliver").kind(Span.Kind.CONSUMER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            int delivered = delivery.getAsInt();
            span.tag("chat.frames", delivered);
            return delivered;
        } finally {
            span.end();
        }
    }
}
