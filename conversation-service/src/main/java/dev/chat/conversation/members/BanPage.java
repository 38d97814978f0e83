package dev.chat.conversation.members;

import java.util.List;

/** Active bans, oldest first by (bannedAt, userId); pass nextCursor as {@code after}, null on the last page. */
record BanPage(List<Ban> items, String nextCursor) {
}
