package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's draft of a conversation was saved ({@code cleared} false) or cleared. Drafts are private: the event never
 * carries the text; the user's devices fetch it over REST. {@code version} grows with every draft change of the user
 * (all their conversations, across clears), so a device keeps the highest it has seen per conversation and ignores
 * the rest. Keyed by user: one user's draft changes arrive in version order.
 */
public record DraftChanged(UUID userId, UUID conversationId, long version, Instant updatedAt, boolean cleared)
        implements ChatEvent {
    @Override
    public String key() {
        return userId.toString();
    }
}
