package dev.chat.events.kafka;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;

/** Throws on unknown types and bad JSON; pair it with an error handler that skips such records. */
public class EventEnvelopeDeserializer implements Deserializer<EventEnvelope<ChatEvent>> {
    @Override
    public EventEnvelope<ChatEvent> deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.read(new String(data, StandardCharsets.UTF_8));
    }
}
