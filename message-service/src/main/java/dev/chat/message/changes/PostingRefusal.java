package dev.chat.message.changes;

import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Why the projection does not let a member post (docs/permissions.md): the rules themselves are one SQL
 * expression in {@link ChangeSequence#nextSeqIfMayPost}, checked in the statement that takes the seq.
 *
 * @param mutedUntil for {@link Reason#MUTED}: when the mute ends, null when it lasts until an unmute
 */
public record PostingRefusal(Reason reason, @Nullable Instant mutedUntil) {

    /** In the order they are checked: the first that holds is the answer. */
    public enum Reason { ARCHIVED, MUTED, READ_ONLY }

    public ApiProblem problem() {
        return switch (reason) {
            case ARCHIVED -> ApiProblem.conflict("this conversation is archived");
            case MUTED -> ApiProblem.forbidden(mutedUntil == null
                    ? "you are muted in this conversation"
                    : "you are muted in this conversation until " + mutedUntil);
            case READ_ONLY -> ApiProblem.forbidden("only the owner and admins post in this channel");
        };
    }
}
