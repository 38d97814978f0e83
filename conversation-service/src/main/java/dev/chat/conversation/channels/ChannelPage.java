package dev.chat.conversation.channels;

import java.util.List;

/** Public channels, most members first; pass nextCursor as {@code cursor} for the next page, null on the last one. */
record ChannelPage(List<ChannelItem> items, String nextCursor) {
}
