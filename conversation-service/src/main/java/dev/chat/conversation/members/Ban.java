package dev.chat.conversation.members;

import java.time.Instant;
import java.util.UUID;

/** An active ban. reason: null for none; expiresAt: null for a ban until lifted. */
record Ban(UUID userId, String reason, UUID bannedBy, Instant bannedAt, Instant expiresAt) {
}
