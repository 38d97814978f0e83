package dev.chat.message.membership;

/**
 * A member's role in a conversation, as projected from conversation-service's events. The permission matrix
 * (docs/permissions.md) lets the owner and admins pin and delete others' messages: {@link #mayModerate()}.
 */
public enum ConversationRole {
    OWNER, ADMIN, MEMBER;

    public boolean mayModerate() {
        return this != MEMBER;
    }

    /**
     * The role an event names. Anything else (a role a newer producer added, or none) reads as MEMBER, the
     * least privilege, rather than stalling the projection on a record it cannot apply.
     */
    static ConversationRole fromEvent(String role) {
        for (ConversationRole r : values()) {
            if (r.name().equals(role)) {
                return r;
            }
        }
        return MEMBER;
    }
}
