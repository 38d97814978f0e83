package dev.chat.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A new conversation with its initial members; each member also gets a {@link MemberJoined}. */
public record ConversationCreated(UUID conversationId, String type, String title, UUID createdBy,
                                  List<UUID> memberIds, Instant createdAt) implements ChatEvent {
    public static final String DIRECT = "DIRECT";
    public static final String GROUP = "GROUP";
    public static final String CHANNEL = "CHANNEL";

    @Override
    public String key() {
        return conversationId.toString();
    }
}
