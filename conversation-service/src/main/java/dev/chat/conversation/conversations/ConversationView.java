package dev.chat.conversation.conversations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation as the API shows it to a member. title is null for a direct conversation. */
public record ConversationView(UUID id, String type, String title, UUID createdBy, Instant createdAt,
                               List<MemberView> members) {

    /** username and displayName come from the users projection; null while it has not caught up. */
    public record MemberView(UUID userId, String role, String username, String displayName) {
    }
}
