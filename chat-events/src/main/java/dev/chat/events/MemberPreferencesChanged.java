package dev.chat.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A member's own notification settings for one conversation. notifications: ALL, MENTIONS (only messages that mention
 * them) or NONE. mutedUntil: no notifications at all until then (null: not muted); sockets still get every push,
 * these settings are about notifications, not delivery.
 */
public record MemberPreferencesChanged(UUID conversationId, UUID userId, String notifications, @Nullable Instant mutedUntil,
                                       Instant changedAt) implements ChatEvent {
    public static final String ALL = "ALL";
    public static final String MENTIONS = "MENTIONS";
    public static final String NONE = "NONE";

    @Override
    public String key() {
        return conversationId.toString();
    }
}
