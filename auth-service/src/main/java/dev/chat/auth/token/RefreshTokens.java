package dev.chat.auth.token;

import dev.chat.auth.config.AuthProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Opaque, rotating refresh tokens. Only their SHA-256 is stored, so a leaked table grants nothing.
 * Every token of one login shares a family; a token is good for one refresh, and presenting it again
 * means it was stolen (or the client is confused): the whole family is revoked.
 */
@Component
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration ttl;

    RefreshTokens(JdbcClient jdbc, Clock clock, AuthProperties props) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ttl = props.refreshTokenTtl();
    }

    sealed interface Rotation {
        record Rotated(UUID userId, String newToken) implements Rotation {
        }

        record Reused(UUID familyId) implements Rotation {
        }

        record Invalid() implements Rotation {
        }
    }

    /** Issues a token; call inside a transaction. */
    String issue(UUID userId, UUID familyId) {
        byte[] secret = new byte[32]; // 256 bits
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(sha256(token), familyId, userId, Timestamp.from(now), Timestamp.from(now.plus(ttl)))
                .update();
        return token;
    }

    /**
     * Spends {@code presented} and issues its successor. Call inside a transaction and let it commit
     * whatever the outcome: a detected reuse must stay revoked.
     */
    Rotation rotate(String presented) {
        Optional<Row> found = jdbc.sql("""
                        select family_id, user_id, expires_at, used_at, revoked_at
                        from refresh_tokens where token_hash = ? for update""")
                .param(sha256(presented))
                .query((rs, n) -> new Row(rs.getObject("family_id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(), rs.getTimestamp("used_at") != null,
                        rs.getTimestamp("revoked_at") != null))
                .optional();
        Instant now = clock.instant();
        if (found.isEmpty()) {
            return new Rotation.Invalid();
        }
        Row row = found.get();
        if (row.revoked()) {
            return new Rotation.Invalid();
        }
        if (row.used()) {
            int revoked = jdbc.sql("update refresh_tokens set revoked_at = ? where family_id = ? and revoked_at is null")
                    .params(Timestamp.from(now), row.familyId())
                    .update();
            log.warn("Refresh token reuse for user {}: family {} revoked ({} tokens)", row.userId(), row.familyId(),
                    revoked);
            return new Rotation.Reused(row.familyId());
        }
        if (!row.expiresAt().isAfter(now)) {
            return new Rotation.Invalid();
        }
        jdbc.sql("update refresh_tokens set used_at = ? where token_hash = ?")
                .params(Timestamp.from(now), sha256(presented))
                .update();
        return new Rotation.Rotated(row.userId(), issue(row.userId(), row.familyId()));
    }

    /** Expired tokens are useless, reuse detection included; keep the table small. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeExpired() {
        int n = jdbc.sql("delete from refresh_tokens where expires_at < ?")
                .param(Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .update();
        if (n > 0) {
            log.info("Purged {} expired refresh tokens", n);
        }
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Row(UUID familyId, UUID userId, Instant expiresAt, boolean used, boolean revoked) {
    }
}
