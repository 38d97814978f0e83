package dev.chat.events;

import java.time.Instant;
import java.util.UUID;

/** The conversation and all its memberships are gone; no MemberLeft is published for the members it had. */
public record ConversationDeleted(UUID conversationId, UUID deletedBy, Instant deletedAt) implements ChatEvent {
    @Override
    public String key() {
        return conversationId.toString();
    }
}
