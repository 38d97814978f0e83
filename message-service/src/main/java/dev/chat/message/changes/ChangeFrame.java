package dev.chat.message.changes;

import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.message.Message;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * One change of a conversation as a socket push carries it (docs/websocket-protocol.md): the same fields, in the
 * same order, as chat-events' {@code ServerFrames}, so a client applies a pushed frame and a feed entry with one
 * code path. The one difference: {@code message.created} carries the full REST message, whose {@code editedAt},
 * {@code deletedAt} and {@code deletedBy} are null at creation (ServerFrames' message leaves them out, which a
 * client reads the same way). Each frame is stored as the {@code payload} of its {@code message_changes} row.
 */
public sealed interface ChangeFrame {

    /** The {@code kind} column of {@code message_changes}. */
    enum Kind { CREATED, EDITED, DELETED }

    String type();

    UUID conversationId();

    long seq();

    record Created(String type, UUID conversationId, long seq, Message message) implements ChangeFrame {
    }

    record Edited(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, String body,
                  UUID editedBy, Instant editedAt) implements ChangeFrame {
    }

    record Deleted(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, UUID deletedBy,
                   Instant deletedAt) implements ChangeFrame {
    }

    static Created of(MessageCreated m) {
        return new Created("message.created", m.conversationId(), m.seq(), new Message(m.messageId(),
                m.conversationId(), m.seq(), m.senderId(), m.clientMessageId(), m.body(), m.replyToId(),
                m.createdAt()));
    }

    static Edited of(MessageEdited e) {
        return new Edited("message.edited", e.conversationId(), e.seq(), e.messageId(), e.messageSeq(), e.body(),
                e.editedBy(), e.editedAt());
    }

    static Deleted of(MessageDeleted d) {
        return new Deleted("message.deleted", d.conversationId(), d.seq(), d.messageId(), d.messageSeq(),
                d.deletedBy(), d.deletedAt());
    }

    static Kind kindOf(ChangeFrame frame) {
        return switch (frame) {
            case Created c -> Kind.CREATED;
            case Edited e -> Kind.EDITED;
            case Deleted d -> Kind.DELETED;
        };
    }

    /** The frame as stored in {@code message_changes.payload}. */
    static String json(ChangeFrame frame) {
        return Json.MAPPER.writeValueAsString(frame);
    }

    static ChangeFrame read(Kind kind, String payload) {
        Class<? extends ChangeFrame> type = switch (kind) {
            case CREATED -> Created.class;
            case EDITED -> Edited.class;
            case DELETED -> Deleted.class;
        };
        return Json.MAPPER.readValue(payload, type);
    }

    /** A plain mapper, as ServerFrames uses: the stored frames do not depend on the web layer's settings. */
    final class Json {
        private static final JsonMapper MAPPER = JsonMapper.builder().build();

        private Json() {
        }
    }
}
