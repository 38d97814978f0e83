package dev.chat.message.changes;

import dev.chat.events.Attachment;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One change of a conversation as a socket push carries it (docs/websocket-protocol.md): the same fields, in the
 * same order, as chat-events' {@code ServerFrames}, so a client applies a pushed frame and a feed entry with one
 * code path, and each is written byte for byte as the pushed one. {@code message.created} carries the message as it
 * was created ({@link CreatedMessage}: editedAt, deletedAt and deletedBy null; no reactions, not pinned: those come
 * as their own changes). Each frame is stored as the {@code payload} of its {@code message_changes} row.
 */
public sealed interface ChangeFrame {

    /** The {@code kind} column of {@code message_changes}. */
    enum Kind { CREATED, EDITED, DELETED, REACTION_ADDED, REACTION_REMOVED, PINNED, UNPINNED }

    String type();

    UUID conversationId();

    long seq();

    /** The REST message as it is at creation, every field (as chat-events' ServerFrames.Message). */
    record CreatedMessage(UUID id, UUID conversationId, long seq, UUID senderId, String clientMessageId, String body,
                          @Nullable UUID replyToId, Instant createdAt, @Nullable Instant editedAt,
                          @Nullable Instant deletedAt, @Nullable UUID deletedBy, @Nullable Instant pinnedAt,
                          @Nullable UUID pinnedBy, int replyCount, @Nullable Instant lastReplyAt,
                          List<Object> reactions, List<UUID> mentions, List<Attachment> attachments) {
    }

    record Created(String type, UUID conversationId, long seq, CreatedMessage message) implements ChangeFrame {
    }

    record Edited(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, String body,
                  List<UUID> mentions, UUID editedBy, Instant editedAt) implements ChangeFrame {
    }

    record Deleted(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, UUID deletedBy,
                   Instant deletedAt) implements ChangeFrame {
    }

    /** {@code reaction.added} or {@code reaction.removed}. */
    record Reaction(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, UUID userId,
                    String emoji, Instant at) implements ChangeFrame {
    }

    record Pinned(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, UUID pinnedBy,
                  Instant pinnedAt) implements ChangeFrame {
    }

    record Unpinned(String type, UUID conversationId, long seq, UUID messageId, long messageSeq, UUID unpinnedBy,
                    Instant unpinnedAt) implements ChangeFrame {
    }

    static Created of(MessageCreated m) {
        return new Created("message.created", m.conversationId(), m.seq(), new CreatedMessage(m.messageId(),
                m.conversationId(), m.seq(), m.senderId(), m.clientMessageId(), m.body(), m.replyToId(),
                m.createdAt(), null, null, null, null, null, 0, null, List.of(), m.mentions(), m.attachments()));
    }

    static Edited of(MessageEdited e) {
        return new Edited("message.edited", e.conversationId(), e.seq(), e.messageId(), e.messageSeq(), e.body(),
                e.mentions(), e.editedBy(), e.editedAt());
    }

    static Deleted of(MessageDeleted d) {
        return new Deleted("message.deleted", d.conversationId(), d.seq(), d.messageId(), d.messageSeq(),
                d.deletedBy(), d.deletedAt());
    }

    static Reaction of(ReactionAdded r) {
        return new Reaction("reaction.added", r.conversationId(), r.seq(), r.messageId(), r.messageSeq(), r.userId(),
                r.emoji(), r.at());
    }

    static Reaction of(ReactionRemoved r) {
        return new Reaction("reaction.removed", r.conversationId(), r.seq(), r.messageId(), r.messageSeq(),
                r.userId(), r.emoji(), r.at());
    }

    static Pinned of(MessagePinned p) {
        return new Pinned("message.pinned", p.conversationId(), p.seq(), p.messageId(), p.messageSeq(), p.pinnedBy(),
                p.pinnedAt());
    }

    static Unpinned of(MessageUnpinned u) {
        return new Unpinned("message.unpinned", u.conversationId(), u.seq(), u.messageId(), u.messageSeq(),
                u.unpinnedBy(), u.unpinnedAt());
    }

    static Kind kindOf(ChangeFrame frame) {
        return switch (frame) {
            case Created c -> Kind.CREATED;
            case Edited e -> Kind.EDITED;
            case Deleted d -> Kind.DELETED;
            case Reaction r -> "reaction.added".equals(r.type()) ? Kind.REACTION_ADDED : Kind.REACTION_REMOVED;
            case Pinned p -> Kind.PINNED;
            case Unpinned u -> Kind.UNPINNED;
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
            case REACTION_ADDED, REACTION_REMOVED -> Reaction.class;
            case PINNED -> Pinned.class;
            case UNPINNED -> Unpinned.class;
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
