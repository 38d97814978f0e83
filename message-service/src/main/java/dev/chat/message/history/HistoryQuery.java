package dev.chat.message.history;

import dev.chat.web.problem.ApiProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.message.Message;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a conversation's messages, always returned in ascending seq order, between two exclusive
 * bounds. With {@code afterSeq} the page starts right after it (the messages after a position; hasMore = newer
 * messages remain); otherwise it ends right before {@code beforeSeq}, or at the latest message (scrolling back;
 * hasMore = older messages remain).
 */
record HistoryQuery(long afterSeq, long beforeSeq, int limit, boolean forward) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** Parameters as the request gives them (null = absent); throws ApiProblem (400) for impossible ones. */
    static HistoryQuery of(Long afterSeq, Long beforeSeq, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        if (afterSeq != null && afterSeq < 0) {
            throw ApiProblem.badRequest("afterSeq must be 0 or more");
        }
        if (beforeSeq != null && beforeSeq < 1) {
            throw ApiProblem.badRequest("beforeSeq must be 1 or more");
        }
        long after = afterSeq == null ? 0 : afterSeq;
        long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        if (before <= after) {
            throw ApiProblem.badRequest("beforeSeq must be greater than afterSeq");
        }
        return new HistoryQuery(after, before, size, afterSeq != null);
    }

    /** How many rows to fetch: one more than the page, to learn whether more exist. */
    int fetchSize() {
        return limit + 1;
    }

    /**
     * @param fetched up to {@link #fetchSize()} rows, ascending when {@link #forward}, descending otherwise
     */
    HistoryPage page(List<Message> fetched) {
        boolean more = fetched.size() > limit;
        List<Message> page = more ? fetched.subList(0, limit) : fetched;
        return new HistoryPage(forward ? List.copyOf(page) : page.reversed(), more);
    }

    /**
     * hasMoreBefore and hasMoreAfter come with an {@code around} page only ({@link AroundQuery}). lastSeq: the
     * conversation's change sequence as this page saw it (one snapshot): its messages, reactions and pins include
     * every change up to lastSeq and none after, so a client follows the stream from there without applying a
     * change twice.
     */
    record HistoryPage(List<Message> items, boolean hasMore,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean hasMoreBefore,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean hasMoreAfter,
                       long lastSeq) {

        HistoryPage(List<Message> items, boolean hasMore) {
            this(items, hasMore, null, null, 0);
        }

        HistoryPage(List<Message> items, boolean hasMore, @Nullable Boolean hasMoreBefore,
                    @Nullable Boolean hasMoreAfter) {
            this(items, hasMore, hasMoreBefore, hasMoreAfter, 0);
        }

        HistoryPage with(List<Message> same, long lastSeq) {
            return new HistoryPage(same, hasMore, hasMoreBefore, hasMoreAfter, lastSeq);
        }
    }
}
