package dev.chat.conversation.members;

import java.util.List;

/** Members in join order; pass nextCursor as {@code after} for the next page, null on the last one. */
record MemberPage(List<Member> items, String nextCursor) {
}
