package dev.chat.conversation.invitations;

import java.util.UUID;

/** The answer to accepting an invitation or using an invite link: joined false when the caller already was a member. */
record JoinOutcome(UUID conversationId, boolean joined) {
}
