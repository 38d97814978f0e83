package dev.chat.conversation.members;

/** Both sides of a transfer: the previous owner (now ADMIN) and the new OWNER. */
record OwnershipChange(Member previousOwner, Member owner) {
}
