package dev.chat.conversation.invitations;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;

/** Both optional: no expiresAt, valid until revoked; no maxUses, any number of joins. */
record CreateInviteLinkRequest(@Future Instant expiresAt, @Min(1) @Max(100_000) Integer maxUses) {
}
