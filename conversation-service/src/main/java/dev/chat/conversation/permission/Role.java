package dev.chat.conversation.permission;

/** A member's role in a group or channel, highest first. DIRECT conversations have two MEMBERs and no moderation. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    /** Strictly higher: the owner outranks admins, admins outrank members, nobody outranks their own role. */
    public boolean outranks(Role other) {
        return ordinal() < other.ordinal();
    }
}
