package dev.chat.auth.user;

import java.util.UUID;

/** A stored account, credential included; never leaves the service as is (see {@link UserView}). */
public record UserAccount(UUID id, String username, String displayName, String passwordHash) {

    public UserView view() {
        return new UserView(id, username, displayName);
    }
}
