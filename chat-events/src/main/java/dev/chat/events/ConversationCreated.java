package dev.chat.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A new conversation with its initial members; each member also gets a {@link MemberJoined} (which carries the
 * roles). The details after {@code createdAt} were added in place (additive): a consumer reading an older producer's event
 * sees them null, PRIVATE and false. visibility: PRIVATE for DIRECT and GROUP; PUBLIC (discoverable, joinable by anyone not banned)
 * or PRIVATE for a CHANNEL. slug: a channel's unique human-readable name, null for the other types. readOnly: an
 * announcement channel, where only the owner and admins post.
 */
public record ConversationCreated(UUID conversationId, String type, String title, UUID createdBy,
                                  List<UUID> memberIds, Instant createdAt, @Nullable String description,
                                  @Nullable String topic, String visibility, @Nullable String slug,
                                  Boolean readOnly) implements ChatEvent {
    public static final String DIRECT = "DIRECT";
    public static final String GROUP = "GROUP";
    public static final String CHANNEL = "CHANNEL";
    public static final String PUBLIC = "PUBLIC";
    public static final String PRIVATE = "PRIVATE";

    /** Reading an older producer's event (no details): PRIVATE and not read-only. */
    public ConversationCreated {
        visibility = visibility == null ? PRIVATE : visibility;
        readOnly = readOnly != null && readOnly;
    }

    /** A DIRECT or GROUP conversation: private, no description, topic or slug. */
    public ConversationCreated(UUID conversationId, String type, String title, UUID createdBy, List<UUID> memberIds,
                               Instant createdAt) {
        this(conversationId, type, title, createdBy, memberIds, createdAt, null, null, PRIVATE, null, false);
    }

    @Override
    public String key() {
        return conversationId.toString();
    }
}
