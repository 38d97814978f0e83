package dev.chat.message.edit;

import dev.chat.message.Message;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The new body, validated as a send's: stored without surrounding whitespace, at most 4,000 UTF-16 units, not blank
 * unless the message carries attachments (checked by the editor, which reads the message).
 */
record EditMessageRequest(@NotNull @Size(max = Message.MAX_BODY_LENGTH) String body) {

    EditMessageRequest {
        body = body == null ? null : body.strip();
    }
}
