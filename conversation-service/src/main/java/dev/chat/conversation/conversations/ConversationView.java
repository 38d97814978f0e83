package dev.chat.conversation.conversations;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation as the API shows it to one of its members (the caller). title is null for a direct conversation;
 * description, topic and avatarMediaId are null when not set; slug is null but for a channel; visibility is PRIVATE
 * but for a public channel; readOnly is only ever true for a channel.
 *
 * <p>{@code members} lists every member of a DIRECT or GROUP conversation, but only the caller's own entry for a
 * CHANNEL: a channel may hold a thousand members, and a list of conversations must not carry them all. Clients page
 * a channel's members with {@code GET /api/conversations/{id}/members}; {@code memberCount} counts them all.
 */
public record ConversationView(
        UUID id,
        String type,
        String title,
        String description,
        String topic,
        UUID avatarMediaId,
        @Schema(allowableValues = {"PUBLIC", "PRIVATE"}) String visibility,
        String slug,
        boolean readOnly,
        boolean archived,
        UUID createdBy,
        Instant createdAt,
        int memberCount,
        @Schema(description = "Every member of a DIRECT or GROUP conversation (owner first, then admins, then members, "
                + "each by join time); for a CHANNEL only the caller's own entry: page the rest with "
                + "GET /api/conversations/{id}/members. memberCount counts them all.")
        List<MemberView> members,
        @Schema(description = "The caller's own notification settings for this conversation.")
        Preferences preferences) {

    /** username and displayName come from the users projection; null while it has not caught up. */
    public record MemberView(UUID userId, String role, String username, String displayName) {
    }

    /** notifications: ALL, MENTIONS or NONE; mutedUntil: no notifications until then, null when not muted. */
    public record Preferences(@Schema(allowableValues = {"ALL", "MENTIONS", "NONE"}) String notifications,
                              Instant mutedUntil) {
    }
}
