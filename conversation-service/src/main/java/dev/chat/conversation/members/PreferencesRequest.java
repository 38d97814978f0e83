package dev.chat.conversation.members;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** The whole of a member's settings: a mutedUntil left out or null means not muted. */
record PreferencesRequest(
        @NotNull @Pattern(regexp = "ALL|MENTIONS|NONE", message = "must be ALL, MENTIONS or NONE") String notifications,
        @Future(message = "must be in the future (null or left out: not muted)") Instant mutedUntil) {
}
