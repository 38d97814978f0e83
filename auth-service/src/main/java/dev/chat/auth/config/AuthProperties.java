package dev.chat.auth.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings under {@code chat.auth.*}; defaults and env-var overrides live in application.yml. */
@ConfigurationProperties("chat.auth")
public record AuthProperties(
        @DefaultValue("http://127.0.0.1:8081") String issuer,
        @DefaultValue("PT15M") Duration accessTokenTtl,
        @DefaultValue("P30D") Duration refreshTokenTtl,
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue LoginThrottle loginThrottle,
        @DefaultValue SigningKey signingKey) {

    public record LoginThrottle(@DefaultValue("5") int maxFailures, @DefaultValue("PT15M") Duration window) {
    }

    public record SigningKey(@DefaultValue("P90D") Duration rotateAfter, @DefaultValue("PT1M") Duration reloadInterval) {
    }
}
