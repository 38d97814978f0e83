package dev.chat.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokenCacheTest {

    private final AtomicInteger verifications = new AtomicInteger();

    /** A verifier that accepts tokens named "good-*" (expiring as the name says) and rejects the rest. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        Instant exp = token.endsWith("expired") ? Instant.now().minusSeconds(1) : Instant.now().plusSeconds(900);
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("u").issuedAt(exp.minusSeconds(900))
                .expiresAt(exp).build();
    };

    @Test
    void aVerifiedTokenIsNotVerifiedAgain() {
        var cache = new VerifiedTokenCache(verifier, 100);
        Jwt first = cache.decode("good-1");
        Jwt second = cache.decode("good-1");
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRejectedTokenIsRejectedEveryTimeAndNeverCached() {
        var cache = new VerifiedTokenCache(verifier, 100);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenPastItsExpiryIsVerifiedAgainNotServedFromTheCache() {
        var cache = new VerifiedTokenCache(verifier, 100);
        cache.decode("good-expired");
        cache.decode("good-expired");
        assertThat(verifications).hasValue(2);
    }
}
