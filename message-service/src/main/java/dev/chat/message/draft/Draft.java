package dev.chat.message.draft;

import java.time.Instant;
import java.util.UUID;

/**
 * The caller's draft of a conversation, as REST shows it (only ever to its author).
 *
 * @param body      the text as the composer left it (never blank)
 * @param replyToId the message it answers, or null
 * @param version   grows with every draft change of the user (any conversation, clears included)
 */
record Draft(UUID conversationId, String body, UUID replyToId, long version, Instant updatedAt) {
}
