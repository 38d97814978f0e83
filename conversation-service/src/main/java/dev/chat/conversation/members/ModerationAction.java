package dev.chat.conversation.members;

/** What a moderation log entry records (the moderation_log.action check constraint lists the same names). */
enum ModerationAction {
    KICK, BAN, UNBAN, MUTE, UNMUTE, PROMOTE, DEMOTE, TRANSFER_OWNERSHIP
}
