package dev.chat.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Deliberately loose: a login must not reveal the registration rules. */
record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
}
