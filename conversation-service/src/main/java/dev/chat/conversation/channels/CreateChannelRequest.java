package dev.chat.conversation.channels;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A channel: the creator becomes its OWNER, memberIds (optional) its MEMBERs. slug is derived from the name when left
 * out; description and topic are stripped, and blank means none; visibility defaults to PUBLIC, readOnly to false.
 */
record CreateChannelRequest(
        @NotBlank @Size(max = 100) String name,
        @Pattern(regexp = Slugs.PATTERN, message = Slugs.RULE) String slug,
        @Size(max = 1000) String description,
        @Size(max = 250) String topic,
        @Pattern(regexp = "PUBLIC|PRIVATE", message = "must be PUBLIC or PRIVATE") String visibility,
        Boolean readOnly,
        @Size(max = 999) List<@NotNull UUID> memberIds) {

    CreateChannelRequest {
        name = name == null ? null : name.strip();
        description = blankToNull(description);
        topic = blankToNull(topic);
        memberIds = memberIds == null ? List.of() : memberIds;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
