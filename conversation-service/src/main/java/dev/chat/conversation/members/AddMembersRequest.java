package dev.chat.conversation.members;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** 1 to 100 ids, none repeated (MemberService answers 400 for a repeat: Bean Validation has no uniqueness rule). */
record AddMembersRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull UUID> userIds) {
}
