package dev.chat.web.security;

import java.time.Duration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The claims every service checks: issuer, and expiry/not-before with a clock skew of a few seconds.
 * Spring's default allows 60 s, so an expired token kept working for a minute.
 */
public final class TokenValidation {

    private TokenValidation() {
    }

    /** @param issuer the trusted issuer, or null to check only the timestamps */
    public static OAuth2TokenValidator<Jwt> validator(String issuer, Duration clockSkew) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        return issuer == null ? timestamps
                : new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer));
    }
}
