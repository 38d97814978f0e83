package dev.chat.events;

/**
 * A fact published on a chat topic. {@link #key()} is the Kafka record key: the conversation id for
 * conversation-scoped events (so one conversation's events stay in order on one partition), the user
 * id for user and presence events.
 */
public sealed interface ChatEvent permits UserRegistered, ConversationCreated, MemberJoined, MemberLeft,
        MemberRoleChanged, OwnershipTransferred, ConversationDeleted, MemberBanned, MemberUnbanned, MemberMuted,
        MemberUnmuted, ConversationUpdated, MemberInvited, InvitationClosed, MemberPreferencesChanged,
        MessageCreated, MessageEdited, MessageDeleted, ReactionAdded, ReactionRemoved, MessagePinned, MessageUnpinned,
        ReadCursorMoved, DraftChanged,
        PresenceChanged, TypingChanged, MediaUploaded, NotificationCreated {

    String key();
}
