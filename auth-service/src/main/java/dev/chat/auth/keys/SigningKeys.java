package dev.chat.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.chat.auth.config.AuthProperties;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's RSA signing keys, kept in its own database so every instance signs with the same key
 * and a restart does not invalidate issued tokens. The newest active key signs; every key that is not
 * retired is published (JWKS) and accepted, so a rotation never breaks tokens already out there.
 * Also the {@link JWKSource} of the service's own JwtDecoder: no HTTP call to itself.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** pg_advisory_xact_lock id: instances starting at once create one key, not one each. */
    private static final long KEY_CREATION_LOCK = 0x63686174_6b657973L;
    /** A token with an unknown kid may be signed by a key another instance just made; re-read at most this often. */
    private static final Duration RELOAD_ON_MISS_INTERVAL = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration rotateAfter;
    private final Duration retireAfterSuperseded;
    private volatile Keys keys;
    private volatile Instant lastReload = Instant.EPOCH;

    SigningKeys(JdbcClient jdbc, PlatformTransactionManager txManager, Clock clock, AuthProperties props) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
        this.rotateAfter = props.signingKey().rotateAfter();
        // Tokens signed by a superseded key live for one access-token lifetime; other instances may keep
        // signing with it until their next reload.
        this.retireAfterSuperseded = props.accessTokenTtl()
                .plus(props.signingKey().reloadInterval())
                .plus(Duration.ofMinutes(5));
        rotateIfDue();
        reload();
    }

    /** The private key that signs new tokens. */
    public RSAKey signingKey() {
        return keys.signing();
    }

    /** The public keys to publish: every key that is not retired. */
    public JWKSet publicKeys() {
        return keys.published().toPublicJWKSet();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(keys.published());
        if (found.isEmpty() && clock.instant().isAfter(lastReload.plus(RELOAD_ON_MISS_INTERVAL))) {
            reload();
            found = selector.select(keys.published());
        }
        return found.stream().map(JWK::toPublicJWK).toList();
    }

    @Scheduled(fixedDelayString = "${chat.auth.signing-key.reload-interval:PT1M}",
            initialDelayString = "${chat.auth.signing-key.reload-interval:PT1M}")
    void refresh() {
        rotateIfDue();
        reload();
    }

    /** Makes a new signing key now; the previous ones keep verifying until they are retired. */
    public void rotate() {
        tx.executeWithoutResult(status -> {
            lock();
            insertNewKey();
        });
        reload();
    }

    /** Creates the first key, or a new one when the newest is older than {@code rotate-after}. */
    void rotateIfDue() {
        tx.executeWithoutResult(status -> {
            lock(); // a second instance waits here, then sees the key the first one made
            Optional<Instant> newest = jdbc.sql("""
                            select created_at from signing_keys
                            where active and retired_at is null order by created_at desc limit 1""")
                    .query((rs, n) -> rs.getTimestamp(1).toInstant())
                    .optional();
            if (newest.isEmpty() || newest.get().plus(rotateAfter).isBefore(clock.instant())) {
                insertNewKey();
            }
        });
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(KEY_CREATION_LOCK).query().listOfRows();
    }

    private void insertNewKey() {
        RSAKey key = generate();
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                            insert into signing_keys (kid, public_key, private_key, created_at, active)
                            values (?, ?, ?, ?, true)""")
                    .params(key.getKeyID(),
                            Base64.getEncoder().encodeToString(key.toRSAPublicKey().getEncoded()),
                            Base64.getEncoder().encodeToString(key.toRSAPrivateKey().getEncoded()),
                            Timestamp.from(now))
                    .update();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        int superseded = jdbc.sql("""
                        update signing_keys set active = false, retired_at = ?
                        where active and kid <> ?""")
                .params(Timestamp.from(now.plus(retireAfterSuperseded)), key.getKeyID())
                .update();
        log.info("Created signing key {} ({} older key(s) superseded)", key.getKeyID(), superseded);
    }

    private void reload() {
        List<StoredKey> rows = jdbc.sql("""
                        select kid, public_key, private_key, active from signing_keys
                        where retired_at is null or retired_at > ?
                        order by created_at desc""")
                .param(Timestamp.from(clock.instant()))
                .query((rs, n) -> new StoredKey(rs.getString("kid"), rs.getString("public_key"),
                        rs.getString("private_key"), rs.getBoolean("active")))
                .list();
        List<RSAKey> published = rows.stream().map(StoredKey::toJwk).toList();
        RSAKey signing = rows.stream().filter(StoredKey::active).findFirst().map(StoredKey::toJwk)
                .orElseThrow(() -> new IllegalStateException("no active signing key"));
        keys = new Keys(new JWKSet(List.copyOf(published)), signing);
        lastReload = clock.instant();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private record Keys(JWKSet published, RSAKey signing) {
    }

    private record StoredKey(String kid, String publicKey, String privateKey, boolean active) {

        RSAKey toJwk() {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                var pub = (RSAPublicKey) rsa.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
                var priv = (RSAPrivateKey) rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
                return new RSAKey.Builder(pub).privateKey(priv).keyID(kid)
                        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("stored signing key " + kid + " is unreadable", e);
            }
        }
    }
}
