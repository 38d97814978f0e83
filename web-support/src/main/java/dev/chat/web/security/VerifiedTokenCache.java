package dev.chat.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers access tokens whose signature and claims were already verified, until they expire. A client
 * sends the same token with every request for its 15-minute life, and the RSA verification plus JOSE
 * parsing was a fifth of message-service's CPU per send. A hit needs the exact same token bytes, so
 * nothing unverified is ever accepted; an entry leaves the cache when its token expires.
 */
public final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Cache<String, Jwt> verified;

    public VerifiedTokenCache(JwtDecoder verifier, int maxTokens) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(new Expiry<String, Jwt>() {
                    @Override
                    public long expireAfterCreate(String token, Jwt jwt, long now) {
                        Instant exp = jwt.getExpiresAt();
                        return exp == null ? 0 : Math.max(0, Duration.between(Instant.now(), exp).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String token, Jwt jwt, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String token, Jwt jwt, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt cached = verified.getIfPresent(token);
        if (cached != null) {
            return cached;
        }
        Jwt jwt = verifier.decode(token); // throws for a bad signature, issuer or expiry: nothing cached
        verified.put(token, jwt);
        return jwt;
    }
}
