package dev.chat.conversation.invitations;

import java.time.Instant;
import java.util.UUID;

/** What anyone holding a usable code sees before joining. title may be null; type GROUP or CHANNEL. */
record InviteLinkPreview(String code, UUID conversationId, String title, String type, int memberCount,
                         Instant expiresAt, boolean alreadyMember) {
}
