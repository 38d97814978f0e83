package dev.chat.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.auth.config.AuthProperties;
import dev.chat.auth.keys.SigningKeys;
import dev.chat.auth.user.UserAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Mints RS256 access tokens: iss, sub (user id), preferred_username, name, scope "chat", 15-minute exp. */
@Component
class AccessTokens {

    private final SigningKeys keys;
    private final Clock clock;
    private final String issuer;
    private final Duration ttl;

    AccessTokens(SigningKeys keys, Clock clock, AuthProperties props) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = props.issuer();
        this.ttl = props.accessTokenTtl();
    }

    Duration ttl() {
        return ttl;
    }

    String issue(UserAccount user) {
        Instant now = clock.instant();
        RSAKey key = keys.signingKey();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.id().toString())
                .claim("preferred_username", user.username())
                .claim("name", user.displayName())
                .claim("scope", "chat")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }
}
