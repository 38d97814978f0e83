package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** {@code unmutedBy} lifted the mute on member {@code userId}: they may post again. */
public record MemberUnmuted(UUID conversationId, UUID userId, UUID unmutedBy, Instant unmutedAt)
        implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
