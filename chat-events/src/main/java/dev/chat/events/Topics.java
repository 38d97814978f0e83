package dev.chat.events;

/** Kafka topic names: {@code chat.<aggregate>.v<major>}. */
public final class Topics {
    public static final String USERS = "chat.users.v1";
    public static final String CONVERSATIONS = "chat.conversations.v1";
    /**
     * Every change that takes a number of a conversation's change sequence (messages created, edited, deleted;
     * reactions added, removed; messages pinned, unpinned), keyed by conversation: one ordered stream.
     */
    public static final String MESSAGES = "chat.messages.v1";
    public static final String RECEIPTS = "chat.receipts.v1";
    /** A user's draft saved or cleared (never its text), keyed by user. */
    public static final String DRAFTS = "chat.drafts.v1";
    public static final String PRESENCE = "chat.presence.v1";
    public static final String MEDIA = "chat.media.v1";
    public static final String NOTIFICATIONS = "chat.notifications.v1";

    private Topics() {
    }
}
