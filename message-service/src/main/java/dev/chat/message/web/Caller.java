package dev.chat.message.web;

import dev.chat.web.problem.ApiProblem;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** The authenticated user of a request, and the bearer token to forward when asking another service on their behalf. */
public record Caller(UUID userId, String bearerToken) {

    public static Caller of(Jwt jwt) {
        try {
            return new Caller(UUID.fromString(jwt.getSubject()), jwt.getTokenValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.forbidden("the token's subject is not a user id");
        }
    }
}
