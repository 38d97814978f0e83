package dev.chat.conversation.members;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A member's own notification settings for one conversation: notifications ALL, MENTIONS (only messages that mention
 * them) or NONE; mutedUntil: no notifications at all until then, null when not muted (a mute that ran out reads as
 * null). About notifications only: the member's sockets still get every message.
 */
record NotificationPreferences(@Schema(allowableValues = {"ALL", "MENTIONS", "NONE"}) String notifications,
                               Instant mutedUntil) {
}
