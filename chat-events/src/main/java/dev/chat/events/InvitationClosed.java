package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending invitation ended without a join. outcome: DECLINED (by the invitee, {@code closedBy} = userId) or
 * REVOKED (by an owner or admin). An accepted invitation publishes {@link MemberJoined} instead.
 */
public record InvitationClosed(UUID conversationId, UUID invitationId, UUID userId, String outcome, UUID closedBy,
                               Instant closedAt) implements ChatEvent {
    public static final String DECLINED = "DECLINED";
    public static final String REVOKED = "REVOKED";

    @Override
    public String key() {
        return conversationId.toString();
    }
}
