package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** status: ONLINE, AWAY or OFFLINE; lastSeenAt is when the user's last device was active. */
public record PresenceChanged(UUID userId, String status, Instant lastSeenAt, Instant at) implements ChatEvent {
    @Override
    public String key() {
        return userId.toString();
    }
}
