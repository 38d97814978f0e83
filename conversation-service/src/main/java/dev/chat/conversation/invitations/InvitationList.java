package dev.chat.conversation.invitations;

import java.util.List;

/** Invitations newest first (or, answering an invite, the ones it created in request order). */
record InvitationList(List<Invitation> invitations) {
}
