package dev.chat.conversation.members;

import java.util.List;

/** Newest first; pass nextCursor as {@code before} for older entries, null on the last page. */
record ModerationLogPage(List<ModerationEntry> items, String nextCursor) {
}
