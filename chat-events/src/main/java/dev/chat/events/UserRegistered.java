package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

public record UserRegistered(UUID userId, String username, String displayName, Instant registeredAt)
        implements ChatEvent {
    @Override
    public String key() {
        return userId.toString();
    }
}
