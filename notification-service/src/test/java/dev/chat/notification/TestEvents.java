package dev.chat.notification;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.events.MessageCreated;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Events sent to the test broker the way the outbox relays publish them. */
public final class TestEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("spring.kafka.bootstrap-servers"),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            new StringSerializer(), new StringSerializer());

    /** Sends the event in a new envelope, and returns it: sending that again is a redelivery (same eventId). */
    public EventEnvelope<?> send(ChatEvent event) {
        EventEnvelope<?> envelope = EventEnvelope.wrap(event);
        send(envelope);
        return envelope;
    }

    public void send(EventEnvelope<?> envelope) {
        try {
            producer.send(new ProducerRecord<>(envelope.topic(), envelope.key(), EventJson.write(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ConversationCreated conversation(UUID id, UUID owner, UUID... others) {
        List<UUID> all = new ArrayList<>(List.of(owner));
        all.addAll(List.of(others));
        return new ConversationCreated(id, ConversationCreated.GROUP, "it", owner, all, Instant.now());
    }

    public static MessageCreated message(UUID conversation, long seq, UUID sender) {
        return new MessageCreated(UUID.randomUUID(), conversation, seq, sender, "client-" + seq, "hello " + seq,
                null, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
