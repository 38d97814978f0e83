package dev.chat.message.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.message.Message;
import dev.chat.message.reaction.ReactionCounts;
import dev.chat.message.web.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SearchController {

    private final SearchRepository search;
    private final ReactionCounts reactions;
    /** The hits and their reactions from one snapshot. */
    private final TransactionTemplate snapshot;

    SearchController(SearchRepository search, ReactionCounts reactions, PlatformTransactionManager transactions) {
        this.search = search;
        this.reactions = reactions;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** One hit: the message (reactions as the caller sees them) and its snippet, HTML with only {@code <mark>}. */
    record SearchHit(Message message, String snippet) {
    }

    /** nextCursor: pass it as {@code cursor} for the next (older) page; null on the last page. */
    record SearchPage(List<SearchHit> items, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor) {
    }

    /**
     * Full-text search over the messages of every conversation the caller is a member of now (per the local
     * membership projection: a conversation whose events have not arrived yet is not searched). A
     * {@code conversationId} the caller is not in answers an empty page, like one without matches (no 404: it
     * must not tell which conversations exist). {@code hasAttachment=true} keeps messages that carry attachments,
     * false those that carry none. Newest first.
     */
    @GetMapping("/api/messages/search")
    SearchPage search(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String q,
                      @RequestParam(required = false) UUID conversationId,
                      @RequestParam(required = false) UUID authorId,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) Boolean hasAttachment,
                      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        Caller caller = Caller.of(jwt);
        SearchQuery query = SearchQuery.of(q, conversationId, authorId, from, to, hasAttachment, limit, cursor);
        return snapshot.execute(status -> {
            List<SearchRepository.Hit> fetched = search.search(caller.userId(), query);
            boolean more = fetched.size() > query.limit();
            List<SearchRepository.Hit> page = more ? fetched.subList(0, query.limit()) : fetched;
            List<Message> messages = reactions.of(page.stream().map(SearchRepository.Hit::message).toList(),
                    caller.userId());
            List<SearchHit> items = new ArrayList<>(page.size());
            for (int i = 0; i < page.size(); i++) {
                items.add(new SearchHit(messages.get(i), page.get(i).snippet()));
            }
            Message last = more ? page.getLast().message() : null;
            return new SearchPage(List.copyOf(items), last == null ? null
                    : new SearchQuery.Position(last.createdAt(), last.id()).encode());
        });
    }
}
