package dev.chat.conversation.conversations;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

record CreateDirectRequest(@NotNull UUID userId) {
}
