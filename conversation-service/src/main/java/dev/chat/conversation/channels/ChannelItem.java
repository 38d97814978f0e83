package dev.chat.conversation.channels;

import java.util.UUID;

/** A channel as the directory shows it; joined: whether the caller is a member. */
record ChannelItem(UUID id, String name, String slug, String description, String topic, int memberCount,
                   boolean joined) {
}
