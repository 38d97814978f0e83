package dev.chat.conversation.members;

import java.time.Instant;
import java.util.UUID;

/** An active mute of a member: they read but do not post. reason: null for none; expiresAt: null until unmuted. */
record Mute(UUID userId, String reason, UUID mutedBy, Instant mutedAt, Instant expiresAt) {
}
