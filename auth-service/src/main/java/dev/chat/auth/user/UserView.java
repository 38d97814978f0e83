package dev.chat.auth.user;

import java.util.UUID;

/** The public shape of a user: {@code {userId, username, displayName}}. */
public record UserView(UUID userId, String username, String displayName) {
}
