package dev.chat.message.draft;

import dev.chat.message.Message;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The composer's text, kept exactly as typed (surrounding whitespace included: it is what the user's other devices
 * show); a blank body clears the draft. At most a message's length in UTF-16 units, as the composer's maxlength.
 */
record DraftRequest(@NotNull @Size(max = Message.MAX_BODY_LENGTH) String body, UUID replyToId) {

    boolean clears() {
        return body.isBlank();
    }
}
