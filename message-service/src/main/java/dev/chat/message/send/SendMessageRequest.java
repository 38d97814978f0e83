package dev.chat.message.send;

import dev.chat.message.Message;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * clientMessageId is the idempotency key the client generates once per message and reuses on every retry.
 * The body is stored without surrounding whitespace; its limit counts UTF-16 units, as a browser's maxlength does.
 */
record SendMessageRequest(
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+") String clientMessageId,
        @NotBlank @Size(max = Message.MAX_BODY_LENGTH) String body,
        UUID replyToId) {

    SendMessageRequest {
        body = body == null ? null : body.strip();
    }
}
