package dev.chat.events.socket;

import dev.chat.events.Attachment;
import dev.chat.events.DraftChanged;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frames a socket receives (docs/websocket-protocol.md), written once for both services that make
 * them: presence-service writes its own ({@code welcome}, {@code positions}, {@code error}, {@code pong});
 * the fan-out builds the pushed ones once per event and carries them to the nodes in a per-node batch,
 * {@code {"conversationId":"...","recipients":[...],"frame":"<frame as a JSON string>"}}; the node writes
 * the frame out unchanged and notes the conversation as recently active on each recipient's sockets.
 *
 * <p>Every frame is one JSON object with a string {@code type}. A WebSocket text message from the node carries
 * either one frame, as itself, or a JSON array of the frames that were queued for the socket together, in order
 * ({@code [{...},{...}]}, joined from the frames' bytes, never empty or nested). Clients apply an array's frames
 * one by one as if each had come alone; a frame alone is never wrapped in an array.
 */
public final class ServerFrames {

    /** A W3C traceparent (version-traceid-parentid-flags): only these go into a batch, never escaped. */
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final byte[] PONG = "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8);

    private ServerFrames() {
    }

    public record Welcome(String type, UUID userId, String nodeId, String sessionId, String epoch) {
    }

    /** Latest pushed seq per conversation, and the epoch those numbers belong to. */
    public record Positions(String type, String epoch, Map<String, Long> positions) {
    }

    public record Error(String type, String code, String message) {
    }

    /**
     * The message exactly as REST shows it at its creation, every field: not edited, deleted or pinned, no replies,
     * no reactions. Later changes come as their own frames ({@code reaction.added}, {@code message.pinned}, a reply's
     * {@code message.created}, ...), so a pushed message equals the one a later history read returns until then.
     */
    public record Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId,
                          String body, UUID replyToId, Instant createdAt, Instant editedAt, Instant deletedAt,
                          UUID deletedBy, Instant pinnedAt, UUID pinnedBy, int replyCount, Instant lastReplyAt,
                          List<Object> reactions, List<UUID> mentions, List<Attachment> attachments) {
    }

    public record Created(String type, UUID conversationId, long seq, Message message) {
    }

    public record Edited(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, String body,
                         List<UUID> mentions, UUID editedBy, Instant editedAt) {
    }

    public record Deleted(String type, UUID conversationId, long seq, UUID messageId, long messageSeq,
                          UUID deletedBy, Instant deletedAt) {
    }

    /** {@code type} is {@code reaction.added} or {@code reaction.removed}. */
    public record Reaction(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, UUID userId,
                           String emoji, Instant at) {
    }

    public record Pinned(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, UUID pinnedBy,
                         Instant pinnedAt) {
    }

    public record Unpinned(String type, UUID conversationId, long seq, UUID messageId, long messageSeq,
                           UUID unpinnedBy, Instant unpinnedAt) {
    }

    /**
     * A change of a conversation's membership or details (not part of its message stream: no seq). The client
     * refreshes what it shows of the conversation; {@code userId} is the member concerned, when there is one.
     */
    public record ConversationChanged(String type, UUID conversationId, String change, UUID userId) {
    }

    /**
     * Receipt cursors that moved ({@code kind} READ or DELIVERED, {@code seq} the new position), coalesced by the
     * fan-out: the highest seq per member and kind among the moves it handled together. Not part of the message
     * stream (no seq of its own): a client takes each cursor as max(held, seq).
     */
    public record Receipts(String type, UUID conversationId, List<Cursor> cursors) {
    }

    public record Cursor(UUID userId, String kind, long seq) {
    }

    /**
     * The user's draft of a conversation changed on one of their devices: {@code draft.changed}, to all of that user's
     * sockets. No text (drafts stay off Kafka and out of the batches): a device that holds a lower version fetches the
     * draft over REST, or drops it when {@code cleared}.
     */
    public record DraftChangedFrame(String type, UUID conversationId, long version, Instant updatedAt,
                                    boolean cleared) {
    }

    public static byte[] welcome(UUID userId, String nodeId, String sessionId, String epoch) {
        return JSON.writeValueAsBytes(new Welcome("welcome", userId, nodeId, sessionId, epoch));
    }

    public static byte[] positions(String epoch, Map<String, Long> positions) {
        return JSON.writeValueAsBytes(new Positions("positions", epoch, positions));
    }

    public static byte[] error(String code, String message) {
        return JSON.writeValueAsBytes(new Error("error", code, message));
    }

    public static String of(MessageCreated m) {
        return JSON.writeValueAsString(new Created("message.created", m.conversationId(), m.seq(),
                new Message(m.messageId(), m.conversationId(), m.seq(), m.senderId(), m.clientMessageId(), m.body(),
                        m.replyToId(), m.createdAt(), null, null, null, null, null, 0, null, List.of(), m.mentions(),
                        m.attachments())));
    }

    public static String of(MessageEdited e) {
        return JSON.writeValueAsString(new Edited("message.edited", e.conversationId(), e.seq(), e.messageId(),
                e.messageSeq(), e.body(), e.mentions(), e.editedBy(), e.editedAt()));
    }

    public static String of(MessageDeleted d) {
        return JSON.writeValueAsString(new Deleted("message.deleted", d.conversationId(), d.seq(), d.messageId(),
                d.messageSeq(), d.deletedBy(), d.deletedAt()));
    }

    public static String of(ReactionAdded r) {
        return JSON.writeValueAsString(new Reaction("reaction.added", r.conversationId(), r.seq(), r.messageId(),
                r.messageSeq(), r.userId(), r.emoji(), r.at()));
    }

    public static String of(ReactionRemoved r) {
        return JSON.writeValueAsString(new Reaction("reaction.removed", r.conversationId(), r.seq(), r.messageId(),
                r.messageSeq(), r.userId(), r.emoji(), r.at()));
    }

    public static String of(MessagePinned p) {
        return JSON.writeValueAsString(new Pinned("message.pinned", p.conversationId(), p.seq(), p.messageId(),
                p.messageSeq(), p.pinnedBy(), p.pinnedAt()));
    }

    public static String of(MessageUnpinned u) {
        return JSON.writeValueAsString(new Unpinned("message.unpinned", u.conversationId(), u.seq(), u.messageId(),
                u.messageSeq(), u.unpinnedBy(), u.unpinnedAt()));
    }

    public static String of(DraftChanged d) {
        return JSON.writeValueAsString(new DraftChangedFrame("draft.changed", d.conversationId(), d.version(),
                d.updatedAt(), d.cleared()));
    }

    /** {@code change}: one of the values listed in docs/websocket-protocol.md (created, member_joined, updated, ...). */
    public static String conversationChanged(UUID conversationId, String change, UUID userId) {
        return JSON.writeValueAsString(new ConversationChanged("conversation.changed", conversationId, change, userId));
    }

    public static String receipts(UUID conversationId, List<Cursor> cursors) {
        return JSON.writeValueAsString(new Receipts("receipt.moved", conversationId, cursors));
    }

    /** The frame as the body of a JSON string, escaped once per event and reused in each node's batch. */
    public static String escaped(String frame) {
        StringBuilder out = new StringBuilder(frame.length() + 32);
        JsonStringEncoder.getInstance().quoteAsString(frame, out);
        return out.toString();
    }

    /** One node's batch: the recipients on that node and the frame to write to each of their sockets. */
    public static String batch(UUID conversationId, List<UUID> recipients, String escapedFrame) {
        return batch(conversationId, recipients, escapedFrame, 0, null);
    }

    /**
     * A batch that also says when its event happened ({@code occurredAt}, epoch milliseconds; 0: unknown), for
     * the node's send-to-socket latency, and carries the W3C {@code traceparent} of the event's record (or none),
     * so the node's delivery joins the trace of the send.
     */
    public static String batch(UUID conversationId, List<UUID> recipients, String escapedFrame, long occurredAt,
                               String traceparent) {
        StringBuilder out = new StringBuilder(escapedFrame.length() + 40 * recipients.size() + 160);
        out.append("{\"conversationId\":\"").append(conversationId).append("\",\"recipients\":[");
        for (int i = 0; i < recipients.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(recipients.get(i)).append('"');
        }
        out.append("],\"frame\":\"").append(escapedFrame).append('"');
        if (occurredAt > 0) {
            out.append(",\"occurredAt\":").append(occurredAt);
        }
        if (traceparent != null && TRACEPARENT.matcher(traceparent).matches()) {
            out.append(",\"traceparent\":\"").append(traceparent).append('"');
        }
        return out.append('}').toString();
    }
}
