package dev.chat.events.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.DraftChanged;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
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

    @Test
    void aBatchCarriesWhenItsEventHappenedAndAValidTraceparentOnly() {
        UUID conversation = UUID.randomUUID();
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        JsonNode batch = JSON.readTree(ServerFrames.batch(conversation, List.of(UUID.randomUUID()), "{}", 1_764_000_000_123L, traceparent));
        JsonNode forged = JSON.readTree(ServerFrames.batch(conversation, List.of(UUID.randomUUID()), "{}", 0, "\",\"frame\":\"x"));

        assertThat(batch.path("occurredAt").asLong()).isEqualTo(1_764_000_000_123L);
        assertThat(batch.path("traceparent").asString()).isEqualTo(traceparent);
        assertThat(forged.has("occurredAt")).isFalse();
        assertThat(forged.has("traceparent")).isFalse();
        assertThat(forged.path("frame").asString()).isEqualTo("{}");
    }

    @Test
    void aCreatedMessageCarriesTheRestMessagesNullEditAndDeleteFields() {
        MessageCreated m = new MessageCreated(UUID.randomUUID(), UUID.randomUUID(), 3, UUID.randomUUID(), "c-1", "hi",
                null, Instant.parse("2026-11-24T10:00:00Z"));

        JsonNode message = JSON.readTree(ServerFrames.of(m)).path("message");

        assertThat(message.propertyNames()).containsExactly("id", "conversationId", "seq", "senderId",
                "clientMessageId", "body", "replyToId", "createdAt", "editedAt", "deletedAt", "deletedBy", "pinnedAt",
                "pinnedBy", "replyCount", "lastReplyAt", "reactions", "mentions", "attachments");
        assertThat(message.get("mentions").isArray()).isTrue();
        assertThat(message.get("attachments").isArray()).isTrue();
        assertThat(message.get("attachments").isEmpty()).as("carries nothing").isTrue();
        assertThat(message.get("mentions").isEmpty()).as("mentions nobody").isTrue();
        assertThat(message.get("editedAt").isNull()).isTrue();
        assertThat(message.get("deletedAt").isNull()).isTrue();
        assertThat(message.get("deletedBy").isNull()).isTrue();
    }

    @Test
    void reactionAndPinFramesCarryTheirSeqAndTheMessagesPosition() {
        UUID c = UUID.fromString("00000000-0000-4000-8000-00000000000c");
        UUID m = UUID.fromString("00000000-0000-4000-8000-00000000000d");
        UUID u = UUID.fromString("00000000-0000-4000-8000-00000000000e");
        Instant t = Instant.parse("2026-11-24T10:00:00.5Z");
        String ids = "\"conversationId\":\"" + c + "\",\"seq\":%d,\"messageId\":\"" + m + "\",\"messageSeq\":7,";

        assertThat(ServerFrames.of(new ReactionAdded(c, 8, m, 7, u, "👍", t))).isEqualTo("{\"type\":\"reaction.added\","
                + ids.formatted(8) + "\"userId\":\"" + u + "\",\"emoji\":\"👍\",\"at\":\"2026-11-24T10:00:00.500Z\"}");
        assertThat(ServerFrames.of(new ReactionRemoved(c, 9, m, 7, u, "👍", t))).isEqualTo("{\"type\":\"reaction.removed\","
                + ids.formatted(9) + "\"userId\":\"" + u + "\",\"emoji\":\"👍\",\"at\":\"2026-11-24T10:00:00.500Z\"}");
        assertThat(ServerFrames.of(new MessagePinned(c, 10, m, 7, u, t))).isEqualTo("{\"type\":\"message.pinned\","
                + ids.formatted(10) + "\"pinnedBy\":\"" + u + "\",\"pinnedAt\":\"2026-11-24T10:00:00.500Z\"}");
        assertThat(ServerFrames.of(new MessageUnpinned(c, 11, m, 7, u, t))).isEqualTo("{\"type\":\"message.unpinned\","
                + ids.formatted(11) + "\"unpinnedBy\":\"" + u + "\",\"unpinnedAt\":\"2026-11-24T10:00:00.500Z\"}");
    }

    @Test
    void receiptFramesListEachMovedCursorWithItsKind() {
        UUID c = UUID.fromString("00000000-0000-4000-8000-00000000000c");
        UUID u = UUID.fromString("00000000-0000-4000-8000-00000000000e");

        assertThat(ServerFrames.receipts(c, java.util.List.of(new ServerFrames.Cursor(u, "READ", 41),
                new ServerFrames.Cursor(u, "DELIVERED", 42))))
                .isEqualTo("{\"type\":\"receipt.moved\",\"conversationId\":\"" + c + "\",\"cursors\":["
                        + "{\"userId\":\"" + u + "\",\"kind\":\"READ\",\"seq\":41},"
                        + "{\"userId\":\"" + u + "\",\"kind\":\"DELIVERED\",\"seq\":42}]}");
    }

    @Test
    void aDraftChangedFrameNamesTheConversationAndVersionButNeverTheText() {
        UUID c = UUID.fromString("00000000-0000-4000-8000-00000000000c");
        UUID u = UUID.fromString("00000000-0000-4000-8000-00000000000e");
        Instant t = Instant.parse("2026-11-24T10:00:00.5Z");

        assertThat(ServerFrames.of(new DraftChanged(u, c, 12, t, false))).isEqualTo("{\"type\":\"draft.changed\","
                + "\"conversationId\":\"" + c + "\",\"version\":12,\"updatedAt\":\"2026-11-24T10:00:00.500Z\","
                + "\"cleared\":false}");
        assertThat(ServerFrames.of(new DraftChanged(u, c, 13, t, true))).endsWith("\"version\":13,"
                + "\"updatedAt\":\"2026-11-24T10:00:00.500Z\",\"cleared\":true}");
    }
}
