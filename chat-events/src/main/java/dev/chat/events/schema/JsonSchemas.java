package dev.chat.events.schema;

import dev.chat.events.EventType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * JSON Schema (draft 2020-12) of each event's envelope, derived from the records so the published schemas
 * cannot drift from the code: {@code JsonSchemasTest} fails when the files under {@code schemas/} differ. An Instant
 * is required unless its record component is jspecify {@code @Nullable} (an optional expiry).
 */
public final class JsonSchemas {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonSchemas() {
    }

    public static String schemaOf(EventType type) {
        Map<String, Object> payload = objectSchema(type.javaType().getRecordComponents());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        envelope.put("$id", "urn:chat:events:" + type.wireName() + ":v" + type.version());
        envelope.put("title", type.wireName());
        envelope.put("description", "Published on topic " + type.topic() + ", keyed by the envelope's key.");
        envelope.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("eventId", ordered("type", "string", "format", "uuid"));
        props.put("type", ordered("const", type.wireName()));
        props.put("version", ordered("const", type.version()));
        props.put("occurredAt", ordered("type", "string", "format", "date-time"));
        props.put("key", ordered("type", "string"));
        props.put("payload", payload);
        envelope.put("properties", props);
        envelope.put("required", List.of("eventId", "type", "version", "occurredAt", "key", "payload"));
        return MAPPER.writeValueAsString(envelope) + "\n";
    }

    /** Map.of's order changes from run to run; the files must not. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> objectSchema(RecordComponent[] components) {
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new java.util.ArrayList<>();
        for (RecordComponent c : components) {
            props.put(c.getName(), c.getAnnotatedType().isAnnotationPresent(Nullable.class) && c.getType() == Instant.class
                    ? ordered("type", List.of("string", "null"), "format", "date-time")
                    : typeSchema(c.getGenericType()));
            required.add(c.getName());
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", props);
        schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> typeSchema(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return ordered("type", "array", "items", typeSchema(p.getActualTypeArguments()[0]));
        }
        if (type == UUID.class) {
            return ordered("type", List.of("string", "null"), "format", "uuid");
        }
        if (type == Instant.class) {
            return ordered("type", "string", "format", "date-time");
        }
        if (type == String.class) {
            return ordered("type", List.of("string", "null"));
        }
        if (type == long.class || type == int.class) {
            return ordered("type", "integer");
        }
        if (type == boolean.class || type == Boolean.class) { // a Boolean is never null once read: records default it
            return ordered("type", "boolean");
        }
        if (type instanceof Class<?> c && c.isRecord()) { // a value inside an event (an attachment)
            return objectSchema(c.getRecordComponents());
        }
        throw new IllegalArgumentException("no JSON Schema mapping for " + type);
    }
}
