package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** role: OWNER, ADMIN or MEMBER. */
public record MemberJoined(UUID conversationId, UUID userId, String role, Instant joinedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
