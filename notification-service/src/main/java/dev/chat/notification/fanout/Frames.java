package dev.chat.notification.fanout;

import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server frames pushed to sockets (docs/websocket-protocol.md), built once per event, and the
 * per-node batch that carries one of them: {@code {"recipients":[...],"frame":"<frame as a JSON string>"}}.
 */
final class Frames {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Frames() {
    }

    /** The message as REST shows it. */
    record Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String body,
                   UUID replyToId, Instant createdAt) {
    }

    record Created(String type, UUID conversationId, long seq, Message message) {
    }

    record Edited(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, String body,
                  UUID editedBy, Instant editedAt) {
    }

    record Deleted(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, UUID deletedBy,
                   Instant deletedAt) {
    }

    static String of(MessageCreated m) {
        return JSON.writeValueAsString(new Created("message.created", m.conversationId(), m.seq(),
                new Message(m.messageId(), m.conversationId(), m.seq(), m.senderId(), m.clientMessageId(), m.body(),
                        m.replyToId(), m.createdAt())));
    }

    static String of(MessageEdited e) {
        return JSON.writeValueAsString(new Edited("message.edited", e.conversationId(), e.seq(), e.messageId(),
                e.messageSeq(), e.body(), e.editedBy(), e.editedAt()));
    }

    static String of(MessageDeleted d) {
        return JSON.writeValueAsString(new Deleted("message.deleted", d.conversationId(), d.seq(), d.messageId(),
                d.messageSeq(), d.deletedBy(), d.deletedAt()));
    }

    /** The frame as the body of a JSON string, escaped once per event and reused in each node's batch. */
    static String escaped(String frame) {
        StringBuilder out = new StringBuilder(frame.length() + 32);
        JsonStringEncoder.getInstance().quoteAsString(frame, out);
        return out.toString();
    }

    static String batch(List<UUID> recipients, String escapedFrame) {
        StringBuilder out = new StringBuilder(escapedFrame.length() + 40 * recipients.size() + 32);
        out.append("{\"recipients\":[");
        for (int i = 0; i < recipients.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(recipients.get(i)).append('"');
        }
        return out.append("],\"frame\":\"").append(escapedFrame).append("\"}").toString();
    }
}
