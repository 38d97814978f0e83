package dev.chat.presence.delivery;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.presence.node.NodeId;
import dev.chat.presence.socket.LocalSessions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Listens on this node's delivery channel {@code rt:node:{nodeId}} and writes each batch's frame, as-is,
 * to every local socket of each recipient, and notes the batch's conversation as active on those sockets
 * (they get periodic positions for it). Only {@code conversationId}, {@code recipients} and {@code frame} are
 * read (streaming, no tree); the frame is turned into bytes once per batch and shared by all its sockets.
 * A batch that says when its event happened adds to the send-to-socket latency once its frame is handed to the
 * sockets, and one with a {@code traceparent} is delivered in a span of that trace.
 */
@Component
public class NodeChannelListener {

    private static final Logger log = LoggerFactory.getLogger(NodeChannelListener.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final ReactiveRedisMessageListenerContainer container;
    private final LocalSessions sessions;
    private final String channel;
    private final Counter batches;
    private final Counter delivered;
    private final Counter malformed;
    private final Timer latency;
    private final DeliveryTracing tracing;
    private volatile Disposable subscription;
    private volatile boolean stopped;

    NodeChannelListener(ReactiveRedisMessageListenerContainer container, LocalSessions sessions,
                        NodeId nodeId, MeterRegistry meters, DeliveryTracing tracing) {
        this.container = container;
        this.sessions = sessions;
        this.channel = RealtimeKeys.channel(nodeId.value());
        this.batches = Counter.builder("chat.presence.batches.received")
                .description("Delivery batches received on this node's channel").register(meters);
        this.delivered = Counter.builder("chat.presence.frames.delivered")
                .description("Frames handed to local sockets").register(meters);
        this.malformed = Counter.builder("chat.presence.batches.malformed")
                .description("Delivery batches that could not be read").register(meters);
        this.latency = Timer.builder("chat.presence.delivery.latency")
                .description("From an event (a message sent, edited...) to its frame handed to this node's sockets")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30)).register(meters);
        this.tracing = tracing;
    }

    /** Completes once Redis confirmed the subscription. */
    public Mono<Void> listen() {
        return container.receiveLater(List.of(ChannelTopic.of(channel)), SerializationPair.raw(),
                        SerializationPair.byteArray())
                .doOnNext(messages -> subscription = messages.subscribe(
                        message -> onBatch(message.getMessage()),
                        error -> {
                            log.error("delivery subscription on {} failed; subscribing again", channel, error);
                            resubscribe();
                        }))
                .then();
    }

    public void stop() {
        stopped = true;
        Disposable s = subscription;
        if (s != null) {
            s.dispose();
        }
    }

    private void resubscribe() {
        if (stopped) {
            return;
        }
        Mono.delay(Duration.ofSeconds(1))
                .then(listen())
                .subscribe(null, e -> {
                    log.warn("subscribing to {} failed: {}", channel, e.toString());
                    resubscribe();
                });
    }

    void onBatch(byte[] body) {
        batches.increment();
        Batch batch;
        try {
            batch = read(body);
        } catch (JacksonException | IllegalArgumentException e) {
            malformed.increment();
            log.warn("dropping a malformed delivery batch on {}: {}", channel, e.getMessage());
            return;
        }
        int n = tracing.deliver(batch.traceparent(), () -> {
            int sent = 0;
            for (UUID recipient : batch.recipients()) {
                sent += sessions.deliver(recipient, batch.conversationId(), batch.frame());
                if (batch.forget() != null) {
                    sessions.forget(recipient, batch.forget());
                }
            }
            return sent;
        });
        if (n > 0) {
            delivered.increment(n);
            if (batch.occurredAt() > 0) {
                latency.record(Math.max(0, System.currentTimeMillis() - batch.occurredAt()), TimeUnit.MILLISECONDS);
            }
        }
    }

    static Batch read(byte[] body) {
        List<UUID> recipients = new ArrayList<>(4);
        UUID conversationId = null;
        UUID forget = null;
        byte[] frame = null;
        long occurredAt = 0;
        String traceparent = null;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a batch is a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "conversationId" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new IllegalArgumentException("conversationId is a string");
                        }
                        conversationId = UUID.fromString(p.getString());
                    }
                    case "forget" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new IllegalArgumentException("forget is a string");
                        }
                        forget = UUID.fromString(p.getString());
                    }
                    case "recipients" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new IllegalArgumentException("recipients is an array");
                        }
                        while (p.nextToken() == JsonToken.VALUE_STRING) {
                            recipients.add(UUID.fromString(p.getString()));
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw new IllegalArgumentException("recipients are user id strings");
                        }
                    }
                    case "frame" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new IllegalArgumentException("frame is a string");
                        }
                        frame = p.getString().getBytes(StandardCharsets.UTF_8);
                    }
                    case "occurredAt" -> occurredAt = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                    case "traceparent" -> traceparent = value == JsonToken.VALUE_STRING ? p.getString() : null;
                    default -> p.skipChildren();
                }
            }
        }
        if (frame == null) {
            throw new IllegalArgumentException("a batch has a frame");
        }
        return new Batch(conversationId, recipients, frame, occurredAt, traceparent, forget);
    }

    /**
     * {@code conversationId} is null in a batch of a fan-out that does not name it yet; {@code occurredAt} is 0
     * and {@code traceparent} null when the batch does not carry them. {@code forget} names a conversation the
     * recipients are no longer members of (a batch to the removed member): their sockets stop naming it in periodic
     * positions, which would otherwise go on telling them its latest seq.
     */
    record Batch(UUID conversationId, List<UUID> recipients, byte[] frame, long occurredAt, String traceparent,
                 UUID forget) {
    }
}
