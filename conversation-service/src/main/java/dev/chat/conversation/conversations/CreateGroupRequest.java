package dev.chat.conversation.conversations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A group: the creator becomes its OWNER, memberIds its MEMBERs (the creator's own id among them is ignored). */
record CreateGroupRequest(
        @NotNull @Pattern(regexp = "GROUP", message = "must be GROUP (direct conversations: POST /api/conversations/direct)")
        String type,
        @NotBlank @Size(max = 100) String title,
        @NotNull @Size(min = 1, max = 999) List<@NotNull UUID> memberIds) {

    CreateGroupRequest {
        title = title == null ? null : title.strip();
    }
}
