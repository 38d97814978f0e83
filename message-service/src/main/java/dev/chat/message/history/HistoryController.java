package dev.chat.message.history;

import dev.chat.message.membership.Membership;
import dev.chat.message.web.Caller;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {

    private final Membership membership;
    private final HistoryRepository history;

    HistoryController(Membership membership, HistoryRepository history) {
        this.membership = membership;
        this.history = history;
    }

    /**
     * {@code ?afterSeq=N} for what came after N, {@code ?beforeSeq=N} for what came before N, {@code ?around=N} for a
     * page centred on N (with {@code hasMoreBefore} and {@code hasMoreAfter}; not combined with the other two),
     * none for the latest page; items ascend by seq. Deleted messages stay in their positions as tombstones. 404
     * when the caller is not a member.
     */
    @GetMapping("/api/conversations/{conversationId}/messages")
    HistoryQuery.HistoryPage history(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                                     @RequestParam(required = false) Long afterSeq,
                                     @RequestParam(required = false) Long beforeSeq,
                                     @RequestParam(required = false) Long around,
                                     @RequestParam(required = false) Integer limit) {
        if (around != null) {
            AroundQuery query = AroundQuery.of(around, afterSeq, beforeSeq, limit);
            membership.require(conversationId, Caller.of(jwt));
            return history.around(conversationId, query);
        }
        HistoryQuery query = HistoryQuery.of(afterSeq, beforeSeq, limit);
        membership.require(conversationId, Caller.of(jwt));
        return query.page(history.fetch(conversationId, query));
    }
}
