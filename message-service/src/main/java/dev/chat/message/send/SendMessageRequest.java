package dev.chat.message.send;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.chat.message.Message;
import dev.chat.message.attachment.Attachments;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * clientMessageId is the idempotency key the client generates once per message and reuses on every retry.
 * The body is stored without surrounding whitespace; its limit counts UTF-16 units, as a browser's maxlength does.
 * It may be empty (or left out) when the message carries attachments: media ids of the sender's READY uploads, at
 * most {@value Attachments#MAX_PER_MESSAGE}, in the order they are shown.
 */
record SendMessageRequest(
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+") String clientMessageId,
        @Size(max = Message.MAX_BODY_LENGTH) String body,
        UUID replyToId,
        @Size(max = Attachments.MAX_PER_MESSAGE) List<@NotNull UUID> attachments) {

    SendMessageRequest {
        body = body == null ? "" : body.strip();
        attachments = attachments == null ? List.of() : attachments; // null items: refused by @NotNull
    }

    SendMessageRequest(String clientMessageId, String body, UUID replyToId) {
        this(clientMessageId, body, replyToId, List.of());
    }

    @AssertTrue(message = "must not be blank unless the message carries attachments")
    @JsonIgnore
    boolean isBodyPresent() {
        return !body.isEmpty() || !attachments.isEmpty();
    }
}
