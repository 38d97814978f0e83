package dev.chat.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of events. Unknown payload fields are ignored, so producers may add fields
 * (a compatible change) without breaking older consumers.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static String write(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsString(envelope);
    }

    /**
     * @throws UnknownEventTypeException for a type this contract does not know
     * @throws tools.jackson.core.JacksonException for malformed JSON
     */
    public static EventEnvelope<ChatEvent> read(String json) {
        JsonNode tree = MAPPER.readTree(json);
        EventType type = EventType.byWireName(text(tree, "type"));
        ChatEvent payload = MAPPER.treeToValue(tree.required("payload"), type.javaType());
        return new EventEnvelope<>(UUID.fromString(text(tree, "eventId")), type.wireName(),
                tree.path("version").asInt(type.version()), Instant.parse(text(tree, "occurredAt")),
                text(tree, "key"), payload);
    }

    private static String text(JsonNode tree, String field) {
        return tree.required(field).asString();
    }
}
