package dev.chat.message.schedule;

import dev.chat.message.Message;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The bodies of the schedule's requests, validated as a send's: not blank, stripped, at most 4,000 UTF-16 units. */
final class ScheduleRequests {

    private ScheduleRequests() {
    }

    /** POST: what to send and when (in the future, at most {@code chat.message.schedule.max-ahead} ahead). */
    record Create(@NotBlank @Size(max = Message.MAX_BODY_LENGTH) String body, @NotNull Instant sendAt,
                  @Nullable UUID replyToId) {

        Create {
            body = body == null ? null : body.strip();
            sendAt = sendAt == null ? null : sendAt.truncatedTo(ChronoUnit.MICROS); // as stored
        }
    }

    /** PATCH: a new body, a new time, or both; an absent field stays as it is. */
    record Change(@Nullable @Size(min = 1, max = Message.MAX_BODY_LENGTH) String body, @Nullable Instant sendAt) {

        Change {
            body = body == null ? null : body.strip();
            sendAt = sendAt == null ? null : sendAt.truncatedTo(ChronoUnit.MICROS);
        }
    }
}
