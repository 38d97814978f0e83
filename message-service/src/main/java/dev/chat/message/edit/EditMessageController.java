package dev.chat.message.edit;

import dev.chat.message.Message;
import dev.chat.message.membership.Membership;
import dev.chat.message.reaction.ReactionCounts;
import dev.chat.message.web.Caller;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EditMessageController {

    private final MessageEditor editor;
    private final EditStore store;
    private final Membership membership;
    private final ReactionCounts reactions;

    EditMessageController(MessageEditor editor, EditStore store, Membership membership, ReactionCounts reactions) {
        this.editor = editor;
        this.store = store;
        this.membership = membership;
        this.reactions = reactions;
    }

    /**
     * 200 with the edited message (its {@code editedAt} set; the edit took the conversation's next seq and was
     * pushed as {@code message.edited}); 200 with the message unchanged when the body is the same (no change, no
     * push). 400 for a blank, too long or malformed body; 404 when the caller is not a member or the conversation
     * has no such message; 403 when the caller is not its author, is muted, or is a plain member of a read-only
     * channel; 409 when the message was deleted or the conversation is archived.
     */
    @PatchMapping("/api/conversations/{conversationId}/messages/{messageId}")
    Message edit(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId, @PathVariable UUID messageId,
                 @Valid @RequestBody EditMessageRequest request) {
        Caller caller = Caller.of(jwt);
        return reactions.of(editor.edit(conversationId, caller, messageId, request.body()), caller.userId());
    }

    /**
     * The bodies the message had before each of its edits, oldest first (empty when it was never edited; a deleted
     * message's history is erased with its body). 404 when the caller is not a member or there is no such message.
     */
    @GetMapping("/api/conversations/{conversationId}/messages/{messageId}/edits")
    EditHistory edits(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                      @PathVariable UUID messageId) {
        membership.require(conversationId, Caller.of(jwt));
        return new EditHistory(messageId, store.history(messageId, conversationId)
                .orElseThrow(() -> MessageEditor.notFound(messageId)));
    }

    record EditHistory(UUID messageId, List<Edit> items) {
    }

    /**
     * @param seq          the number the edit took in the conversation's change sequence
     * @param previousBody the body this edit replaced
     * @param editedAt     when it was replaced
     */
    record Edit(long seq, String previousBody, Instant editedAt) {
    }
}
