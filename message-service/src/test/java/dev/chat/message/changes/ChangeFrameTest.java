package dev.chat.message.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
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
    void aCreatedFrameIsWrittenExactlyAsThePushedOneWithTheRestMessageAsItIsAtCreation() {
        var created = new MessageCreated(MESSAGE, CONVERSATION, 42, USER, "c-1", "hello \"there\"", null, AT);

        assertThat(ChangeFrame.json(ChangeFrame.of(created))).isEqualTo(ServerFrames.of(created));
        ObjectNode message = (ObjectNode) Http.JSON.readTree(ChangeFrame.json(ChangeFrame.of(created))).get("message");
        assertThat(message.get("editedAt").isNull()).isTrue();
        assertThat(message.get("deletedAt").isNull()).isTrue();
        assertThat(message.get("deletedBy").isNull()).isTrue();
        // the message as REST shows it at creation: later reactions, pins and replies come as their own changes
        assertThat(message.get("reactions").isArray() && message.get("reactions").isEmpty()).isTrue();
        assertThat(message.get("pinnedAt").isNull()).isTrue();
        assertThat(message.get("replyCount").asInt()).isZero();
    }

    @Test
    void reactionAndPinFramesAreWrittenExactlyAsThePushedOnes() {
        var added = new ReactionAdded(CONVERSATION, 45, MESSAGE, 42, USER, "👍🏽", AT);
        var removed = new ReactionRemoved(CONVERSATION, 46, MESSAGE, 42, USER, "👍🏽", AT);
        var pinned = new MessagePinned(CONVERSATION, 47, MESSAGE, 42, USER, AT);
        var unpinned = new MessageUnpinned(CONVERSATION, 48, MESSAGE, 42, USER, AT);

        assertThat(ChangeFrame.json(ChangeFrame.of(added))).isEqualTo(ServerFrames.of(added));
        assertThat(ChangeFrame.json(ChangeFrame.of(removed))).isEqualTo(ServerFrames.of(removed));
        assertThat(ChangeFrame.json(ChangeFrame.of(pinned))).isEqualTo(ServerFrames.of(pinned));
        assertThat(ChangeFrame.json(ChangeFrame.of(unpinned))).isEqualTo(ServerFrames.of(unpinned));
        assertThat(ChangeFrame.kindOf(ChangeFrame.of(added))).isEqualTo(ChangeFrame.Kind.REACTION_ADDED);
        assertThat(ChangeFrame.kindOf(ChangeFrame.of(removed))).isEqualTo(ChangeFrame.Kind.REACTION_REMOVED);
        assertThat(ChangeFrame.kindOf(ChangeFrame.of(pinned))).isEqualTo(ChangeFrame.Kind.PINNED);
        assertThat(ChangeFrame.kindOf(ChangeFrame.of(unpinned))).isEqualTo(ChangeFrame.Kind.UNPINNED);
        for (ChangeFrame frame : java.util.List.<ChangeFrame>of(ChangeFrame.of(added), ChangeFrame.of(removed),
                ChangeFrame.of(pinned), ChangeFrame.of(unpinned))) {
            assertThat(ChangeFrame.read(ChangeFrame.kindOf(frame), ChangeFrame.json(frame))).isEqualTo(frame);
        }
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
