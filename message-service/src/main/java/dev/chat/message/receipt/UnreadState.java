package dev.chat.message.receipt;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The caller's own receipt in one conversation, as {@code PUT .../receipt}, {@code POST .../receipt/unread} and
 * {@code GET /api/messages/unread} answer it.
 *
 * @param deliveredSeq   the caller's delivered cursor (forward only)
 * @param readSeq        the caller's read cursor (forward only)
 * @param unreadFromSeq  the seq the caller marked unread from, null when not marked
 * @param unreadCount    messages after the effective cursor (the read cursor, or just before {@code unreadFromSeq}
 *                       when lower) that others sent and nobody deleted, counted up to {@link Receipts#UNREAD_CAP}:
 *                       the cap means "at least that many"
 * @param firstUnreadSeq the first of them (where the unread divider goes), null when none
 * @param mentionCount   how many of them mention the caller (within the same cap)
 */
record UnreadState(UUID conversationId, long deliveredSeq, long readSeq, @Nullable Long unreadFromSeq,
                          int unreadCount, @Nullable Long firstUnreadSeq, int mentionCount) {
}
