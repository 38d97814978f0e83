package dev.chat.conversation.conversations;

import java.util.List;

/** One page of the caller's conversations, newest first; pass nextCursor as {@code before} for the next page. */
record ConversationPage(List<ConversationView> items, String nextCursor) {
}
