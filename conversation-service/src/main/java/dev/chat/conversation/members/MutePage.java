package dev.chat.conversation.members;

import java.util.List;

/** Active mutes, oldest first by (mutedAt, userId); pass nextCursor as {@code after}, null on the last page. */
record MutePage(List<Mute> items, String nextCursor) {
}
