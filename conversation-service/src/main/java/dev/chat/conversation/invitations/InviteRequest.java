package dev.chat.conversation.invitations;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * 1 to 100 invitees, none repeated (the service answers 400 for a repeat), and when the invitations lapse (optional:
 * never).
 */
record InviteRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull UUID> userIds, @Future Instant expiresAt) {
}
