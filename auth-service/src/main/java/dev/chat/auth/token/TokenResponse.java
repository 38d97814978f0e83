package dev.chat.auth.token;

import java.util.UUID;

/** The answer of login and refresh. {@code expiresIn} is the access token's lifetime in seconds. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, UUID userId) {
}
