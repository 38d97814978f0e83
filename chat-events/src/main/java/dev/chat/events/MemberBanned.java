package dev.chat.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code bannedBy} banned {@code userId} from the conversation: they cannot be a member while the ban holds. A member
 * who is banned also leaves, published before this as {@link MemberLeft} with reason BANNED; banning a non-member
 * is a pre-emptive ban. Banning again replaces reason and expiry (published again). reason: null for none;
 * expiresAt: null for a ban until lifted ({@link MemberUnbanned}), otherwise the ban simply stops holding then
 * (no further event).
 */
public record MemberBanned(UUID conversationId, UUID userId, UUID bannedBy, String reason,
                           @Nullable Instant expiresAt, Instant bannedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
