package dev.chat.conversation.invitations;

import java.time.Instant;
import java.util.UUID;

/**
 * A pending invitation as the invitee and the conversation's owner and admins see it. conversationTitle may be null;
 * invitedByName is the inviter's display name, else their username, from the users projection (null while it has
 * not caught up); expiresAt null: until answered or revoked.
 */
record Invitation(UUID id, UUID conversationId, String conversationTitle, String conversationType, UUID userId,
                  UUID invitedBy, String invitedByName, Instant createdAt, Instant expiresAt) {
}
