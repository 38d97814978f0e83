package dev.chat.conversation.permission;

/**
 * What a member may try to do in a group or channel. {@code onMember} marks the actions aimed at another
 * member: for those the actor must also outrank the target (so admins cannot act on the owner or on other
 * admins). Which roles may do what is {@link Permissions}' matrix, not here.
 */
public enum Action {
    EDIT_DETAILS("edit the details", false),
    ADD_MEMBERS("add members", false),
    KICK("kick", true),
    BAN("ban", true),
    MUTE("mute", true),
    PROMOTE("promote", true),
    DEMOTE("demote", true),
    TRANSFER_OWNERSHIP("transfer ownership", false),
    DELETE_CONVERSATION("delete the conversation", false),
    CREATE_INVITE("create invites", false),
    DELETE_OTHERS_MESSAGES("delete others' messages", true),
    PIN("pin messages", false),
    READ_MODERATION_LOG("read the moderation log, bans and mutes", false);

    private final String verb;
    private final boolean onMember;

    Action(String verb, boolean onMember) {
        this.verb = verb;
        this.onMember = onMember;
    }

    /** For problem details: "admins cannot kick the owner or other admins". */
    public String verb() {
        return verb;
    }

    public boolean onMember() {
        return onMember;
    }
}
