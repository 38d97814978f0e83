package dev.chat.conversation.members;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A String, not the Role enum: Jackson would take {@code 1} as an enum index, and OWNER needs its own answer. */
record ChangeRoleRequest(
        @NotNull @Pattern(regexp = "ADMIN|MEMBER",
                message = "must be ADMIN or MEMBER (ownership moves with POST /api/conversations/{id}/owner)")
        String role) {
}
