package dev.chat.conversation.invitations;

import java.util.List;

/** A conversation's links, newest first, revoked and used-up ones included. */
record InviteLinkList(List<InviteLink> links) {
}
