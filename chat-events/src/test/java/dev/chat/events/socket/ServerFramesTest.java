package dev.chat.events.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.MessageCreated;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ServerFramesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aBatchCarriesTheFrameAsAJsonStringThatReadsBackUnchanged() {
        UUID conversation = UUID.randomUUID();
        MessageCreated m = new MessageCreated(UUID.randomUUID(), conversation, 7, UUID.randomUUID(), "c-1",
                "quote \" backslash \\ newline \n unicode é \u2028", null, Instant.parse("2026-11-24T10:00:00.123Z"));
        String frame = ServerFrames.of(m);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        JsonNode batch = JSON.readTree(ServerFrames.batch(conversation, List.of(a, b), ServerFrames.escaped(frame)));

        assertThat(batch.path("recipients").valueStream().map(JsonNode::asString).toList())
                .containsExactly(a.toString(), b.toString());
        assertThat(batch.path("frame").asString()).isEqualTo(frame);
        assertThat(batch.path("conversationId").asString()).isEqualTo(conversation.toString());
        JsonNode pushed = JSON.readTree(frame);
        assertThat(pushed.path("type").asString()).isEqualTo("message.created");
        assertThat(pushed.path("seq").asLong()).isEqualTo(7);
        assertThat(pushed.path("message").path("body").asString()).isEqualTo(m.body());
        assertThat(pushed.path("message").path("createdAt").asString()).isEqualTo("2026-11-24T10:00:00.123Z");
        assertThat(pushed.path("message").path("replyToId").isNull()).isTrue();
    }
}
