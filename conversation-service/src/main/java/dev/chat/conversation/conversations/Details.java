package dev.chat.conversation.conversations;

import java.util.UUID;

/** The details of a conversation that PATCH /api/conversations/{id} edits, as stored. */
record Details(String title, String description, String topic, UUID avatarMediaId, String visibility, String slug,
               boolean readOnly, boolean archived) {
}
