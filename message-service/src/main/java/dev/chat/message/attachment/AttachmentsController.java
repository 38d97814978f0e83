package dev.chat.message.attachment;

import dev.chat.message.Message;
import dev.chat.message.membership.Membership;
import dev.chat.message.reaction.ReactionCounts;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AttachmentsController {

    static final int MAX_PAGE = 100;
    /** A file forwarded to many conversations: the ones conversation-service is asked about, at most. */
    static final int MAX_CONVERSATIONS_ASKED = 5;

    private final AttachmentStore store;
    private final Membership membership;
    private final ReactionCounts reactions;

    AttachmentsController(AttachmentStore store, Membership membership, ReactionCounts reactions) {
        this.store = store;
        this.membership = membership;
        this.reactions = reactions;
    }

    /**
     * The conversation's messages that carry attachments, newest first, before {@code beforeSeq} (all when absent),
     * at most {@code limit} (1 to 100, default 50). 404 when the caller is not a member.
     */
    @GetMapping("/api/conversations/{conversationId}/attachments")
    AttachmentsPage list(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
              @RequestParam(required = false) Long beforeSeq, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (beforeSeq != null && beforeSeq < 1) {
            throw ApiProblem.badRequest("beforeSeq must be positive");
        }
        Caller caller = Caller.of(jwt);
        membership.require(conversationId, caller);
        List<Message> page = store.withAttachments(conversationId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq,
                limit);
        return new AttachmentsPage(reactions.of(page, caller.userId()));
    }

    /**
     * For media-service, on the caller's behalf (it forwards the caller's token): 204 when a message in a
     * conversation the caller is a member of carries the media item, 404 otherwise (whether it exists or not).
     * Membership as for every read here: the projection, else conversation-service. The uploader's own access
     * media-service decides itself.
     */
    @GetMapping("/api/media/{mediaId}/access")
    ResponseEntity<Void> access(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID mediaId) {
        Caller caller = Caller.of(jwt);
        boolean visible = store.visibleTo(mediaId, caller.userId())
                // the projection may not list a member who joined milliseconds ago: conversation-service knows
                || store.conversationsCarrying(mediaId, MAX_CONVERSATIONS_ASKED).stream()
                        .anyMatch(conversationId -> membership.isMember(conversationId, caller));
        if (!visible) {
            throw ApiProblem.notFound("no conversation of yours carries media " + mediaId);
        }
        return ResponseEntity.noContent().build();
    }

    record AttachmentsPage(List<Message> items) {
    }
}
