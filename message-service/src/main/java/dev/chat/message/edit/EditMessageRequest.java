package dev.chat.message.edit;

import dev.chat.message.Message;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The new body, validated as a send's: not blank, stored without surrounding whitespace, at most 4,000 UTF-16 units. */
record EditMessageRequest(@NotBlank @Size(max = Message.MAX_BODY_LENGTH) String body) {

    EditMessageRequest {
        body = body == null ? null : body.strip();
    }
}
