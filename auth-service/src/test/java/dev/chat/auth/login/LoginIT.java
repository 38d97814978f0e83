package dev.chat.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.auth.AuthClient;
import dev.chat.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealInfrastructure(database = "auth_it", testIssuer = false, redis = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginIT {

    @LocalServerPort
    int port;
    AuthClient client;

    @BeforeEach
    void setUp() {
        client = new AuthClient(port);
    }

    @Test
    void loginAnswersATokenThatVerifiesAgainstTheJwksEndpointsKey() throws Exception {
        String username = client.registerFreshUser("login", "password123");

        var r = client.login(username.toUpperCase(), "password123");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("tokenType")).isEqualTo("Bearer");
        assertThat(r.body().path("expiresIn").asLong()).isEqualTo(900);
        assertThat(r.text("refreshToken")).hasSizeGreaterThanOrEqualTo(43);
        SignedJWT jwt = SignedJWT.parse(r.text("accessToken"));
        JWKSet jwks = JWKSet.parse(client.get("/.well-known/jwks.json").raw().body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is published").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8081");
        assertThat(claims.getSubject()).isEqualTo(r.text("userId"));
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(username);
        assertThat(claims.getStringClaim("name")).isEqualTo("Display " + username);
        assertThat(claims.getStringClaim("scope")).isEqualTo("chat");
        assertThat(Duration.between(Instant.now(), claims.getExpirationTime().toInstant()))
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15).plusSeconds(5));

        var me = client.get("/api/users/me", r.text("accessToken"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo(username);
    }

    @Test
    void theDiscoveryDocumentPointsAtTheJwksAndTheTokenEndpoint() {
        var doc = client.get("/.well-known/openid-configuration");

        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.text("issuer")).isEqualTo("http://127.0.0.1:8081");
        assertThat(doc.text("jwks_uri")).isEqualTo("http://127.0.0.1:8081/.well-known/jwks.json");
        assertThat(doc.text("token_endpoint")).isEqualTo("http://127.0.0.1:8081/api/auth/login");
        assertThat(doc.body().path("id_token_signing_alg_values_supported").get(0).asString()).isEqualTo("RS256");
    }

    @Test
    void aWrongPasswordOrAnUnknownUserAnswers401Problem() {
        String username = client.registerFreshUser("badpw", "password123");

        var wrong = client.login(username, "password124");
        var unknown = client.login("nobody_" + username, "password123");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.text("detail")).isEqualTo(wrong.text("detail"));
    }

    @Test
    void fiveFailedLoginsWithinTheWindowAnswer429WithRetryAfterEvenForTheRightPassword() {
        String username = client.registerFreshUser("throttle", "password123");
        String bystander = client.registerFreshUser("bystander", "password123");

        for (int i = 0; i < 5; i++) {
            assertThat(client.login(username, "wrong-password").status()).isEqualTo(401);
        }
        var throttled = client.login(username, "password123");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(throttled.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 15 * 60L);
        assertThat(client.login(bystander, "password123").status()).as("other usernames are not throttled")
                .isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        String username = client.registerFreshUser("reset", "password123");
        for (int i = 0; i < 4; i++) {
            client.login(username, "wrong-password");
        }
        assertThat(client.login(username, "password123").status()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            assertThat(client.login(username, "wrong-password").status()).isEqualTo(401);
        }
        assertThat(client.login(username, "password123").status()).isEqualTo(200);
    }

    @Test
    void aMissingFieldAnswers400Problem() {
        var r = client.post("/api/auth/login", "{\"username\":\"someone\"}", "application/json");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("password");
    }
}
