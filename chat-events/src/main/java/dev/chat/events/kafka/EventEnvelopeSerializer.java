package dev.chat.events.kafka;

import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

public class EventEnvelopeSerializer implements Serializer<EventEnvelope<?>> {
    @Override
    public byte[] serialize(String topic, EventEnvelope<?> data) {
        return data == null ? null : EventJson.write(data).getBytes(StandardCharsets.UTF_8);
    }
}
