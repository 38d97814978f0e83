package dev.chat.conversation.conversations;

import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Keyset position in a newest-first list: the createdAt of the last conversation seen and, to break ties
 * between conversations created in the same microsecond, its id. Written as {@code <instant>_<uuid>};
 * a bare ISO instant is accepted too (everything strictly older).
 */
record PageCursor(Instant createdAt, UUID id) {

    static PageCursor parse(String text) {
        try {
            int sep = text.indexOf('_');
            if (sep < 0) {
                return new PageCursor(Instant.parse(text), null);
            }
            return new PageCursor(Instant.parse(text.substring(0, sep)), UUID.fromString(text.substring(sep + 1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw ApiProblem.badRequest("before must be a cursor from nextCursor or an ISO-8601 instant");
        }
    }

    static PageCursor after(ConversationView last) {
        return new PageCursor(last.createdAt(), last.id());
    }

    String format() {
        return id == null ? createdAt.toString() : createdAt + "_" + id;
    }
}
