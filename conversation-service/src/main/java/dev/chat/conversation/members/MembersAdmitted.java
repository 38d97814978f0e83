package dev.chat.conversation.members;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Users became members of a group or channel after its creation (added, or joined by their own act). Published
 * in-process, synchronously, inside the transaction that admitted them, so features that hold state about would-be
 * members (pending invitations) settle it in the same commit.
 */
public record MembersAdmitted(UUID conversationId, Collection<UUID> userIds, Instant at) {
}
