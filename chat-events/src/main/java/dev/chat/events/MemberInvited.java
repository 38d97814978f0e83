package dev.chat.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code invitedBy} invited {@code userId} (not a member) into a group or channel. The invitee accepts (a
 * {@link MemberJoined} follows) or declines ({@link InvitationClosed}); it lapses at expiresAt (null: never) with no
 * further event.
 */
public record MemberInvited(UUID conversationId, UUID invitationId, UUID userId, UUID invitedBy,
                            @Nullable Instant expiresAt, Instant invitedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
