package dev.chat.message.pin;

import dev.chat.message.Message;
import dev.chat.message.membership.Membership;
import dev.chat.message.reaction.ReactionCounts;
import dev.chat.message.web.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PinsController {

    static final String PATH = "/api/conversations/{conversationId}/messages/{messageId}/pin";

    private final Pinner pinner;
    private final PinStore store;
    private final Membership membership;
    private final ReactionCounts reactions;

    PinsController(Pinner pinner, PinStore store, Membership membership, ReactionCounts reactions) {
        this.pinner = pinner;
        this.store = store;
        this.membership = membership;
        this.reactions = reactions;
    }

    /**
     * 204 once the message is pinned (its {@code pinnedAt} and {@code pinnedBy} set; the pin took the conversation's
     * next seq and was pushed as {@code message.pinned}); 204 again, with no change, for a pinned message. 403 when
     * the caller is neither the owner nor an admin (in a direct conversation both members pin); 404 when the caller is
     * not a member or the conversation has no such message; 409 when the message was deleted, the conversation is
     * archived or already holds 100 pinned messages.
     */
    @PutMapping(PATH)
    ResponseEntity<Void> pin(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                             @PathVariable UUID messageId) {
        pinner.pin(conversationId, Caller.of(jwt), messageId, true);
        return ResponseEntity.noContent().build();
    }

    /** 204 once the message is unpinned (pushed as {@code message.unpinned}); 204 for one not pinned. As a pin. */
    @DeleteMapping(PATH)
    ResponseEntity<Void> unpin(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                               @PathVariable UUID messageId) {
        pinner.pin(conversationId, Caller.of(jwt), messageId, false);
        return ResponseEntity.noContent().build();
    }

    /** The conversation's pinned messages, newest pin first (at most 100). 404 when the caller is not a member. */
    @GetMapping("/api/conversations/{conversationId}/pins")
    Pins pins(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId) {
        Caller caller = Caller.of(jwt);
        membership.require(conversationId, caller);
        return new Pins(reactions.of(store.pinned(conversationId, Pinner.MAX_PINNED), caller.userId()));
    }

    record Pins(List<Message> items) {
    }
}
