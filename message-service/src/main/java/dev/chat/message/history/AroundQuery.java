package dev.chat.message.history;

import dev.chat.message.Message;
import dev.chat.web.problem.ApiProblem;
import java.util.List;

/**
 * A page centred on a position (a search hit, a reply's original, a link): up to {@code limit / 2} messages before
 * {@code around}, and up to the rest of the limit from {@code around} on (the message at {@code around} first, when
 * there is one), ascending by seq. {@code hasMoreBefore}: older messages remain (scroll back with
 * {@code beforeSeq} = the first item's seq); {@code hasMoreAfter}: newer ones remain (go on with {@code afterSeq} =
 * the last item's seq); {@code hasMore} is true when either is.
 */
record AroundQuery(long around, int limit) {

    /** Parameters as the request gives them (null = absent); throws ApiProblem (400) for impossible ones. */
    static AroundQuery of(long around, Long afterSeq, Long beforeSeq, Integer limit) {
        if (afterSeq != null || beforeSeq != null) {
            throw ApiProblem.badRequest("around cannot be combined with afterSeq or beforeSeq");
        }
        int size = limit == null ? HistoryQuery.DEFAULT_LIMIT : limit;
        if (size < 1 || size > HistoryQuery.MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + HistoryQuery.MAX_LIMIT);
        }
        if (around < 1) {
            throw ApiProblem.badRequest("around must be 1 or more");
        }
        return new AroundQuery(around, size);
    }

    /** How many come before {@code around}, at most. */
    int before() {
        return limit / 2;
    }

    /** How many come from {@code around} on, at most. */
    int from() {
        return limit - before();
    }

    /**
     * @param older up to {@link #before()} + 1 rows below {@code around}, descending
     * @param newer up to {@link #from()} + 1 rows from {@code around} on, ascending
     */
    HistoryQuery.HistoryPage page(List<Message> older, List<Message> newer) {
        boolean moreBefore = older.size() > before();
        boolean moreAfter = newer.size() > from();
        List<Message> items = new java.util.ArrayList<>(limit);
        items.addAll((moreBefore ? older.subList(0, before()) : older).reversed());
        items.addAll(moreAfter ? newer.subList(0, from()) : newer);
        return new HistoryQuery.HistoryPage(List.copyOf(items), moreBefore || moreAfter, moreBefore, moreAfter);
    }
}
