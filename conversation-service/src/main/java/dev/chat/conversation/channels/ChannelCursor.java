package dev.chat.conversation.channels;

import dev.chat.web.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset position in the directory, sorted by (memberCount desc, id): the last channel seen. Opaque to clients
 * (base64url of {@code <memberCount>_<uuid>}). Counts move while a client pages: a channel whose count changed in
 * between may be seen twice or not at all, as in any list sorted by a live value.
 */
record ChannelCursor(int memberCount, UUID id) {

    static ChannelCursor after(ChannelItem last) {
        return new ChannelCursor(last.memberCount(), last.id());
    }

    static ChannelCursor parse(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int sep = plain.indexOf('_');
            return new ChannelCursor(Integer.parseInt(plain.substring(0, sep)),
                    UUID.fromString(plain.substring(sep + 1)));
        } catch (RuntimeException e) { // bad base64, no separator, bad number or uuid
            throw ApiProblem.badRequest("cursor must be the nextCursor of a previous page");
        }
    }

    String format() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((memberCount + "_" + id).getBytes(StandardCharsets.UTF_8));
    }
}
