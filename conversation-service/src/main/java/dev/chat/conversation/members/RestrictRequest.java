package dev.chat.conversation.members;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The body of a ban or a mute: whom, why (optional) and until when (optional: until lifted). */
record RestrictRequest(@NotNull UUID userId, @Size(max = 500) String reason, @Future Instant expiresAt) {
}
