package dev.chat.message.reaction;

import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReactionsController {

    static final String PATH = "/api/conversations/{conversationId}/messages/{messageId}/reactions/{emoji}";

    private final Reactor reactor;

    ReactionsController(Reactor reactor) {
        this.reactor = reactor;
    }

    /**
     * 204 once the caller reacted to the message with {@code emoji} (URL-encoded in the path): the reaction took the
     * conversation's next seq and was pushed as {@code reaction.added}; 204 again, with no change, when the caller had
     * reacted with it already (one reaction per member, message and emoji). 400 when {@code emoji} is not an emoji
     * (1 to 32 UTF-16 units); 404 when the caller is not a member or the conversation has no such message; 403 when
     * the caller is muted (every member reacts in a read-only channel); 409 when the message was deleted or the
     * conversation is archived.
     */
    @PutMapping(PATH)
    ResponseEntity<Void> add(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                             @PathVariable UUID messageId, @PathVariable String emoji) {
        reactor.react(conversationId, Caller.of(jwt), messageId, valid(emoji), true);
        return ResponseEntity.noContent().build();
    }

    /**
     * 204 once the caller's reaction is removed (pushed as {@code reaction.removed}); 204, with no change, when they
     * had none with that emoji. Refused as an add is.
     */
    @DeleteMapping(PATH)
    ResponseEntity<Void> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                                @PathVariable UUID messageId, @PathVariable String emoji) {
        reactor.react(conversationId, Caller.of(jwt), messageId, valid(emoji), false);
        return ResponseEntity.noContent().build();
    }

    private static String valid(String emoji) {
        if (!Emoji.isValid(emoji)) {
            throw ApiProblem.badRequest("emoji must be an emoji of 1 to " + Emoji.MAX_LENGTH + " characters");
        }
        return emoji;
    }
}
