package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What travels on a topic: identity and metadata around one typed payload. Consumers dedupe on
 * {@code eventId}; {@code key} equals the Kafka record key.
 */
public record EventEnvelope<T extends ChatEvent>(UUID eventId, String type, int version, Instant occurredAt,
                                                 String key, T payload) {

    public static <T extends ChatEvent> EventEnvelope<T> wrap(T payload) {
        return wrap(payload, Instant.now());
    }

    public static <T extends ChatEvent> EventEnvelope<T> wrap(T payload, Instant occurredAt) {
        EventType type = EventType.of(payload);
        return new EventEnvelope<>(UUID.randomUUID(), type.wireName(), type.version(), occurredAt, payload.key(),
                payload);
    }

    public EventType eventType() {
        return EventType.byWireName(type);
    }

    public String topic() {
        return eventType().topic();
    }
}
