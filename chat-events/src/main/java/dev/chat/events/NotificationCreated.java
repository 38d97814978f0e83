package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** kind: MESSAGE, REPLY, MENTION, REACTION, INVITE or ROLE_CHANGE. */
public record NotificationCreated(UUID notificationId, UUID userId, String kind, UUID conversationId,
                                  UUID messageId, Instant createdAt) implements ChatEvent {
    @Override
    public String key() {
        return userId.toString();
    }
}
