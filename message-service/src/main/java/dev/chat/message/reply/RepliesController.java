package dev.chat.message.reply;

import dev.chat.message.Message;
import dev.chat.message.membership.Membership;
import dev.chat.message.reaction.ReactionCounts;
import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.util.List;
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
class RepliesController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Membership membership;
    private final RepliesRepository replies;
    private final ReactionCounts reactions;
    /** The parent check, the replies and their reactions from one snapshot. */
    private final TransactionTemplate snapshot;

    RepliesController(Membership membership, RepliesRepository replies, ReactionCounts reactions,
                      PlatformTransactionManager transactions) {
        this.membership = membership;
        this.replies = replies;
        this.reactions = reactions;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** hasMore: more replies remain after the last item (go on with afterSeq = its seq). */
    record RepliesPage(List<Message> items, boolean hasMore) {
    }

    /**
     * The replies to a message, ascending by seq, after {@code afterSeq} (default 0: from the first). Deleted
     * replies stay as tombstones. 404 when the caller is not a member, or the message is not one of this
     * conversation.
     */
    @GetMapping("/api/conversations/{conversationId}/messages/{messageId}/replies")
    RepliesPage replies(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                        @PathVariable UUID messageId, @RequestParam(required = false) Long afterSeq,
                        @RequestParam(required = false) Integer limit) {
        Caller caller = Caller.of(jwt);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        long after = afterSeq == null ? 0 : afterSeq;
        if (after < 0) {
            throw ApiProblem.badRequest("afterSeq must be 0 or more");
        }
        membership.require(conversationId, caller); // may ask conversation-service: before the snapshot
        return snapshot.execute(status -> {
            if (!replies.exists(messageId, conversationId)) {
                throw ApiProblem.notFound("message " + messageId + " not found");
            }
            List<Message> fetched = replies.after(conversationId, messageId, after, size + 1);
            boolean more = fetched.size() > size;
            List<Message> page = more ? fetched.subList(0, size) : fetched;
            return new RepliesPage(reactions.of(List.copyOf(page), caller.userId()), more);
        });
    }
}
