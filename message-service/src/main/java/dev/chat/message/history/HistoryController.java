package dev.chat.message.history;

import dev.chat.message.membership.Membership;
import dev.chat.message.reaction.ReactionCounts;
import dev.chat.message.web.Caller;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {

    private final Membership membership;
    private final HistoryRepository history;
    private final ReactionCounts reactions;
    /** The page, its reactions and lastSeq from one snapshot (see HistoryPage#lastSeq). */
    private final TransactionTemplate snapshot;

    HistoryController(Membership membership, HistoryRepository history, ReactionCounts reactions,
                      PlatformTransactionManager transactions) {
        this.membership = membership;
        this.history = history;
        this.reactions = reactions;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * {@code ?afterSeq=N} for what came after N, {@code ?beforeSeq=N} for what came before N, {@code ?around=N} for a
     * page centred on N (with {@code hasMoreBefore} and {@code hasMoreAfter}; not combined with the other two),
     * none for the latest page; items ascend by seq. Deleted messages stay in their positions as tombstones. 404
     * when the caller is not a member. Each message carries its reactions as the caller sees them (one more query
     * for the whole page).
     */
    @GetMapping("/api/conversations/{conversationId}/messages")
    HistoryQuery.HistoryPage history(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                                     @RequestParam(required = false) Long afterSeq,
                                     @RequestParam(required = false) Long beforeSeq,
                                     @RequestParam(required = false) Long around,
                                     @RequestParam(required = false) Integer limit) {
        Caller caller = Caller.of(jwt);
        AroundQuery aroundQuery = around == null ? null : AroundQuery.of(around, afterSeq, beforeSeq, limit);
        HistoryQuery query = around == null ? HistoryQuery.of(afterSeq, beforeSeq, limit) : null;
        membership.require(conversationId, caller); // may ask conversation-service: before the snapshot
        return snapshot.execute(status -> {
            HistoryQuery.HistoryPage page = aroundQuery != null ? history.around(conversationId, aroundQuery)
                    : query.page(history.fetch(conversationId, query));
            return page.with(reactions.of(page.items(), caller.userId()), history.lastSeq(conversationId));
        });
    }
}
