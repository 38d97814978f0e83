package dev.chat.auth.register;

import dev.chat.auth.user.Usernames;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record RegisterRequest(
        @NotNull @Pattern(regexp = Usernames.PATTERN,
                message = "must be 3-32 characters of letters, digits, '_', '.' or '-'") String username,
        @NotNull @Size(min = 8, max = 128) String password,
        @NotBlank @Size(max = 64) String displayName) {
}
