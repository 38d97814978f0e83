package dev.chat.message.search;

import dev.chat.web.guard.ControlCharacters;
import dev.chat.web.problem.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A search as the request gives it, checked. {@code q} is websearch syntax ({@code "a phrase"}, {@code or},
 * {@code -word}); the filters are optional: {@code from} inclusive, {@code to} exclusive, both on created_at.
 * {@code hasAttachment}: true for messages with attachments only, false for those without, null for both.
 * {@code after}: the page starts after this
 * (created_at, id) position, newest first.
 */
record SearchQuery(String q, @Nullable UUID conversationId, @Nullable UUID authorId, @Nullable Instant from,
                   @Nullable Instant to, @Nullable Boolean hasAttachment, int limit, @Nullable Position after) {

    static final int MAX_QUERY_LENGTH = 200;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;

    /** Where a page ended: the last hit's created_at and id (ids break ties between equal instants). */
    record Position(Instant createdAt, UUID id) {

        /** Opaque to clients: base64url of "instant|id". */
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new Position(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
            } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
                throw ApiProblem.badRequest("cursor is not one this service gave out");
            }
        }
    }

    /** Parameters as the request gives them (null = absent); throws ApiProblem (400) for impossible ones. */
    static SearchQuery of(@Nullable String q, @Nullable UUID conversationId, @Nullable UUID authorId,
                          @Nullable String from, @Nullable String to, @Nullable Boolean hasAttachment,
                          @Nullable Integer limit, @Nullable String cursor) {
        if (q == null || q.isBlank()) {
            throw ApiProblem.badRequest("q is required");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw ApiProblem.badRequest("q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (ControlCharacters.containsAny(q)) {
            throw ApiProblem.badRequest("q contains a control character");
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ApiProblem.badRequest("from must be before to");
        }
        Position after = cursor == null ? null : Position.decode(cursor);
        return new SearchQuery(q, conversationId, authorId, fromInstant, toInstant, hasAttachment,
                size, after);
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    /** How many rows to fetch: one more than the page, to learn whether more exist. */
    int fetchSize() {
        return limit + 1;
    }
}
