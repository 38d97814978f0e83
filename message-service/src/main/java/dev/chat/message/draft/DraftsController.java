package dev.chat.message.draft;

import dev.chat.message.web.Caller;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DraftsController {

    static final String PATH = "/api/conversations/{conversationId}/draft";
    /** The drafts listed at most: far more than a sidebar shows, few enough for one small answer. */
    static final int MAX_LISTED = 500;

    private final Drafts drafts;
    private final DraftStore store;

    DraftsController(Drafts drafts, DraftStore store) {
        this.drafts = drafts;
        this.store = store;
    }

    /**
     * 200 with the saved draft (its new {@code version}; pushed to the caller's sockets as {@code draft.changed});
     * 204 when {@code body} is blank, which clears the draft as DELETE does. 400 for a missing body, one over 4,000
     * characters, or a {@code replyToId} that is no message of the conversation; 413 past the request size limit;
     * 404 when the caller is not a member; 503 (Retry-After) when conversation-service knows the membership and this
     * service does not yet (a conversation created a moment ago).
     */
    @PutMapping(PATH)
    ResponseEntity<Draft> put(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                              @Valid @RequestBody DraftRequest request) {
        return drafts.put(conversationId, Caller.of(jwt), request)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** 200 with the caller's draft of the conversation, 204 when there is none; 404 when the caller is not a member. */
    @GetMapping(PATH)
    ResponseEntity<Draft> get(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId) {
        return drafts.get(conversationId, Caller.of(jwt))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    /** 204 once the caller has no draft of the conversation (pushed as a cleared {@code draft.changed} if one went). */
    @DeleteMapping(PATH)
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId) {
        drafts.clear(conversationId, Caller.of(jwt));
        return ResponseEntity.noContent().build();
    }

    /**
     * The caller's drafts in the conversations they are a member of now, newest first (at most 500), and
     * {@code version}: the last version given to any of their draft changes when the list was read. A device drops a
     * draft it holds that the list leaves out when the draft's version is at most that one (it was cleared since).
     */
    @GetMapping("/api/drafts")
    DraftList list(@AuthenticationPrincipal Jwt jwt) {
        DraftStore.Listed listed = store.list(Caller.of(jwt).userId(), MAX_LISTED);
        return new DraftList(listed.drafts(), listed.version());
    }

    record DraftList(List<Draft> items, long version) {
    }
}
