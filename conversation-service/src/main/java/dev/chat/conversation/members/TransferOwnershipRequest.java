package dev.chat.conversation.members;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

record TransferOwnershipRequest(@NotNull UUID userId) {
}
