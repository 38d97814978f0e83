package dev.chat.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code updatedBy} changed a group's or channel's details. The event carries all of them after the change (a
 * snapshot, not a diff), so a projection simply overwrites; a request that changed nothing publishes nothing.
 * archived: nobody posts any more, everybody still reads. Fields as in {@link ConversationCreated}.
 */
public record ConversationUpdated(UUID conversationId, UUID updatedBy, String title, @Nullable String description,
                                  @Nullable String topic, @Nullable UUID avatarMediaId, String visibility,
                                  @Nullable String slug, boolean readOnly, boolean archived, Instant updatedAt)
        implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
