package dev.chat.conversation.members;

import java.time.Instant;
import java.util.UUID;

/** One moderation log entry; reason and expiresAt only for bans and mutes (null otherwise, or when not given). */
record ModerationEntry(UUID actorId, ModerationAction action, UUID targetUserId, String reason, Instant expiresAt,
                       Instant at) {
}
