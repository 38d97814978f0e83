package dev.chat.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code mutedBy} muted the member {@code userId}: they still read but may not post until {@code expiresAt} (null:
 * until {@link MemberUnmuted}). A mute that expires publishes nothing: projections compare expiresAt with now.
 * Muting again replaces reason and expiry (published again). reason: null for none.
 */
public record MemberMuted(UUID conversationId, UUID userId, UUID mutedBy, String reason,
                          @Nullable Instant expiresAt, Instant mutedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
