package dev.chat.conversation.invitations;

import java.time.Instant;
import java.util.UUID;

/** An invite link as its conversation's owner and admins see it; maxUses null: unlimited, expiresAt null: never. */
record InviteLink(String code, UUID conversationId, UUID createdBy, Instant createdAt, Instant expiresAt,
                  Integer maxUses, int uses, boolean revoked) {
}
