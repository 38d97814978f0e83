package dev.chat.conversation.members;

import dev.chat.conversation.permission.Role;
import java.time.Instant;
import java.util.UUID;

/** One member as the members endpoints show it; username and displayName are null while the users projection lags. */
record Member(UUID userId, Role role, String username, String displayName, Instant joinedAt) {
}
