package dev.chat.message.receipt;

import dev.chat.message.web.Caller;
import dev.chat.web.problem.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReceiptsController {

    static final int MAX_CURSORS = 1000;
    static final int MAX_UNREAD = 1000;

    private final Receipts receipts;

    ReceiptsController(Receipts receipts) {
        this.receipts = receipts;
    }

    /** At least one of the two; each a seq of the conversation's change sequence. */
    record MoveRequest(@Nullable @PositiveOrZero Long deliveredSeq, @Nullable @PositiveOrZero Long readSeq) {
    }

    record MarkUnreadRequest(@NotNull UUID messageId) {
    }

    record Unread(List<UnreadState> items, int cap) {
    }

    record CursorList(List<Receipts.Cursors> items, boolean truncated) {
    }

    /**
     * Moves the caller's delivered and/or read cursor forward (a lower seq than the current one changes nothing; a
     * read also counts as delivered) and answers the caller's unread state. Reading at or past a "mark unread"
     * clears it. 400 for a seq past the conversation's last change, 404 for a conversation the caller is not in.
     */
    @PutMapping("/api/conversations/{conversationId}/receipt")
    UnreadState move(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                     @Valid @RequestBody MoveRequest request) {
        if (request.deliveredSeq() == null && request.readSeq() == null) {
            throw ApiProblem.badRequest("give deliveredSeq, readSeq or both");
        }
        long read = request.readSeq() == null ? 0 : request.readSeq();
        long delivered = request.deliveredSeq() == null ? 0 : request.deliveredSeq();
        return receipts.move(conversationId, Caller.of(jwt), delivered, read);
    }

    /** The caller's own unread state in the conversation. 404 when the caller is not a member. */
    @GetMapping("/api/conversations/{conversationId}/receipt")
    UnreadState mine(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId) {
        return receipts.state(conversationId, Caller.of(jwt));
    }

    /**
     * Shows the conversation unread again from the given message on, for the caller only: nobody's "read" marks
     * change. 404 when the caller is not a member or the message is not one of this conversation.
     */
    @PostMapping("/api/conversations/{conversationId}/receipt/unread")
    UnreadState markUnread(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                           @Valid @RequestBody MarkUnreadRequest request) {
        return receipts.markUnread(conversationId, Caller.of(jwt), request.messageId());
    }

    /**
     * The cursors of every current member (at most 1,000, highest read cursor first): a message of seq S was read
     * by the members whose {@code readSeq >= S} and delivered to those whose {@code deliveredSeq >= S}, its sender
     * aside. 404 when the caller is not a member.
     */
    @GetMapping("/api/conversations/{conversationId}/receipts")
    CursorList cursors(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId) {
        List<Receipts.Cursors> found = receipts.cursors(conversationId, Caller.of(jwt), MAX_CURSORS + 1);
        boolean truncated = found.size() > MAX_CURSORS;
        return new CursorList(truncated ? found.subList(0, MAX_CURSORS) : found, truncated);
    }

    /**
     * Every conversation of the caller with unread messages, or marked unread (at most 1,000): the list's badges.
     * Conversations absent from the answer have nothing unread.
     */
    @GetMapping("/api/messages/unread")
    Unread unread(@AuthenticationPrincipal Jwt jwt) {
        return new Unread(receipts.unread(Caller.of(jwt).userId(), MAX_UNREAD), Receipts.UNREAD_CAP);
    }
}
