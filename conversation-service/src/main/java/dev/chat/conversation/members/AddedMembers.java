package dev.chat.conversation.members;

import java.util.List;

/** The users an add made members, in request order; those who already were are left out. */
record AddedMembers(List<Member> added) {
}
