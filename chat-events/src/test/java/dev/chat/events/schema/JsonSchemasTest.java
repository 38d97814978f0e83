package dev.chat.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The schemas other teams read live in src/main/resources/schemas. Regenerate them after changing an
 * event with {@code mvn test -pl chat-events -Dchat.schemas.write=true}.
 */
class JsonSchemasTest {

    private static final Path DIR = Path.of("src/main/resources/schemas");

    @Test
    void publishedSchemasMatchTheEventRecords() throws IOException {
        boolean write = Boolean.getBoolean("chat.schemas.write");
        for (EventType type : EventType.values()) {
            Path file = DIR.resolve(type.wireName() + ".v" + type.version() + ".schema.json");
            String expected = JsonSchemas.schemaOf(type);
            if (write) {
                Files.createDirectories(DIR);
                Files.writeString(file, expected);
            }
            assertThat(file).as("schema of %s (regenerate with -Dchat.schemas.write=true)", type).exists();
            assertThat(Files.readString(file)).as("schema of %s is stale (regenerate with -Dchat.schemas.write=true)", type)
                    .isEqualTo(expected);
        }
    }
}
