package dev.chat.conversation.members;

import dev.chat.web.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset position in the members list, sorted by (joinedAt, userId): the last member seen. Opaque to clients
 * (base64url of {@code <instant>_<uuid>}), so its form can change without breaking them.
 */
record MemberCursor(Instant joinedAt, UUID userId) {

    static MemberCursor after(Member last) {
        return new MemberCursor(last.joinedAt(), last.userId());
    }

    static MemberCursor parse(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int sep = plain.indexOf('_');
            return new MemberCursor(Instant.parse(plain.substring(0, sep)), UUID.fromString(plain.substring(sep + 1)));
        } catch (RuntimeException e) { // bad base64, no separator, bad instant or uuid
            throw ApiProblem.badRequest("after must be the nextCursor of a previous page");
        }
    }

    String format() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((joinedAt + "_" + userId).getBytes(StandardCharsets.UTF_8));
    }
}
