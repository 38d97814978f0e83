package dev.chat.message.changes;

import dev.chat.message.membership.Membership;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ChangesController {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 500;

    private final Membership membership;
    private final ChangesFeed feed;

    ChangesController(Membership membership, ChangesFeed feed) {
        this.membership = membership;
        this.feed = feed;
    }

    /**
     * Every change of the conversation after {@code after} (the highest seq the client applied), in seq order, each
     * shaped as the socket frame that pushed it ({@code message.created}, {@code message.edited},
     * {@code message.deleted}). {@code hasMore}: more changes follow; ask again after the last one's seq.
     * {@code reset}: the changes right after {@code after} are no longer kept (older than the retention); no
     * changes come with it, and the client reloads the conversation (history) instead, then goes on from
     * {@code lastSeq}. {@code lastSeq}: the conversation's latest change number when this page was read. 404 when
     * the caller is not a member; 400 for an impossible {@code after} or {@code limit}.
     */
    @GetMapping("/api/conversations/{conversationId}/changes")
    ChangesPage changes(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                        @RequestParam(required = false) Long after,
                        @RequestParam(required = false) Integer limit) {
        long from = after == null ? 0 : after;
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (from < 0) {
            throw ApiProblem.badRequest("after must be 0 or more");
        }
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        membership.require(conversationId, Caller.of(jwt));
        return feed.after(conversationId, from, size);
    }

    record ChangesPage(List<ChangeFrame> changes, boolean hasMore, boolean reset, long lastSeq) {
        static ChangesPage reset(long lastSeq) {
            return new ChangesPage(List.of(), false, true, lastSeq);
        }
    }
}
