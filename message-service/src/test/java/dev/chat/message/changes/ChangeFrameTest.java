package dev.chat.message.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.socket.ServerFrames;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** A feed entry is the socket frame of its change, byte for byte where chat-events' frame has the same fields. */
class ChangeFrameTest {

    static final UUID CONVERSATION = UUID.randomUUID();
    static final UUID MESSAGE = UUID.randomUUID();
    static final UUID USER = UUID.randomUUID();
    static final Instant AT = Instant.parse("2026-11-24T20:01:02.345678Z");

    @Test
    void anEditedOrDeletedFrameIsWrittenExactlyAsThePushedOne() {
        var edited = new MessageEdited(CONVERSATION, 43, MESSAGE, 42, "hello!\n\"quoted\"", USER, AT);
        var deleted = new MessageDeleted(CONVERSATION, 44, MESSAGE, 42, USER, AT);

        assertThat(ChangeFrame.json(ChangeFrame.of(edited))).isEqualTo(ServerFrames.of(edited));
        assertThat(ChangeFrame.json(ChangeFrame.of(deleted))).isEqualTo(ServerFrames.of(deleted));
    }

    @Test
    void aCreatedFrameIsThePushedOneWithTheRestMessagesNullEditAndDeleteFields() {
        var created = new MessageCreated(MESSAGE, CONVERSATION, 42, USER, "c-1", "hello", null, AT);

        ObjectNode ours = (ObjectNode) Http.JSON.readTree(ChangeFrame.json(ChangeFrame.of(created)));
        ObjectNode pushed = (ObjectNode) Http.JSON.readTree(ServerFrames.of(created));

        ObjectNode message = (ObjectNode) ours.get("message");
        assertThat(message.get("editedAt").isNull()).isTrue();
        assertThat(message.get("deletedAt").isNull()).isTrue();
        assertThat(message.get("deletedBy").isNull()).isTrue();
        message.remove("editedAt");
        message.remove("deletedAt");
        message.remove("deletedBy");
        assertThat(ours).isEqualTo(pushed);
        assertThat(ours.propertyNames()).containsExactlyElementsOf(pushed.propertyNames());
        assertThat(message.propertyNames()).containsExactlyElementsOf(pushed.get("message").propertyNames());
    }

    @Test
    void aStoredFrameReadsBackAsItWasWritten() {
        var created = ChangeFrame.of(new MessageCreated(MESSAGE, CONVERSATION, 1, USER, "c-1", "hi", MESSAGE, AT));
        var edited = ChangeFrame.of(new MessageEdited(CONVERSATION, 2, MESSAGE, 1, "hey", USER, AT));
        var deleted = ChangeFrame.of(new MessageDeleted(CONVERSATION, 3, MESSAGE, 1, USER, AT));

        assertThat(ChangeFrame.read(ChangeFrame.Kind.CREATED, ChangeFrame.json(created))).isEqualTo(created);
        assertThat(ChangeFrame.read(ChangeFrame.Kind.EDITED, ChangeFrame.json(edited))).isEqualTo(edited);
        assertThat(ChangeFrame.read(ChangeFrame.Kind.DELETED, ChangeFrame.json(deleted))).isEqualTo(deleted);
        assertThat(ChangeFrame.kindOf(edited)).isEqualTo(ChangeFrame.Kind.EDITED);
    }
}
