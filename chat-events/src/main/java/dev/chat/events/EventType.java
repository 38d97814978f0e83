package dev.chat.events;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type: its wire name, schema version, topic and Java record. */
public enum EventType {
    USER_REGISTERED(UserRegistered.class, Topics.USERS),
    CONVERSATION_CREATED(ConversationCreated.class, Topics.CONVERSATIONS),
    MEMBER_JOINED(MemberJoined.class, Topics.CONVERSATIONS),
    MEMBER_LEFT(MemberLeft.class, Topics.CONVERSATIONS),
    MEMBER_ROLE_CHANGED(MemberRoleChanged.class, Topics.CONVERSATIONS),
    OWNERSHIP_TRANSFERRED(OwnershipTransferred.class, Topics.CONVERSATIONS),
    CONVERSATION_DELETED(ConversationDeleted.class, Topics.CONVERSATIONS),
    MEMBER_BANNED(MemberBanned.class, Topics.CONVERSATIONS),
    MEMBER_UNBANNED(MemberUnbanned.class, Topics.CONVERSATIONS),
    MEMBER_MUTED(MemberMuted.class, Topics.CONVERSATIONS),
    MEMBER_UNMUTED(MemberUnmuted.class, Topics.CONVERSATIONS),
    CONVERSATION_UPDATED(ConversationUpdated.class, Topics.CONVERSATIONS),
    MEMBER_INVITED(MemberInvited.class, Topics.CONVERSATIONS),
    INVITATION_CLOSED(InvitationClosed.class, Topics.CONVERSATIONS),
    MEMBER_PREFERENCES_CHANGED(MemberPreferencesChanged.class, Topics.CONVERSATIONS),
    MESSAGE_CREATED(MessageCreated.class, Topics.MESSAGES),
    MESSAGE_EDITED(MessageEdited.class, Topics.MESSAGES),
    MESSAGE_DELETED(MessageDeleted.class, Topics.MESSAGES),
    REACTION_ADDED(ReactionAdded.class, Topics.MESSAGES),
    REACTION_REMOVED(ReactionRemoved.class, Topics.MESSAGES),
    MESSAGE_PINNED(MessagePinned.class, Topics.MESSAGES),
    MESSAGE_UNPINNED(MessageUnpinned.class, Topics.MESSAGES),
    READ_CURSOR_MOVED(ReadCursorMoved.class, Topics.RECEIPTS),
    DRAFT_CHANGED(DraftChanged.class, Topics.DRAFTS),
    PRESENCE_CHANGED(PresenceChanged.class, Topics.PRESENCE),
    TYPING_CHANGED(TypingChanged.class, Topics.PRESENCE),
    MEDIA_UPLOADED(MediaUploaded.class, Topics.MEDIA),
    NOTIFICATION_CREATED(NotificationCreated.class, Topics.NOTIFICATIONS);

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private final Class<? extends ChatEvent> javaType;
    private final String topic;

    EventType(Class<? extends ChatEvent> javaType, String topic) {
        this.javaType = javaType;
        this.topic = topic;
    }

    /** The {@code type} field on the wire: the record's simple name, e.g. {@code MessageCreated}. */
    public String wireName() {
        return javaType.getSimpleName();
    }

    /** Schema major version; a breaking change gets a new topic ({@code .v2}), additive ones keep 1. */
    public int version() {
        return 1;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends ChatEvent> javaType() {
        return javaType;
    }

    public static EventType of(ChatEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    /** @throws UnknownEventTypeException for a type this contract version does not know */
    public static EventType byWireName(String name) {
        EventType type = BY_NAME.get(name);
        if (type == null) {
            throw new UnknownEventTypeException(name);
        }
        return type;
    }
}
