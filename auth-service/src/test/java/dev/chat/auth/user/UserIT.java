package dev.chat.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.auth.AuthClient;
import dev.chat.auth.keys.SigningKeys;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealInfrastructure(database = "auth_it", testIssuer = false, redis = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserIT {

    @LocalServerPort
    int port;
    @Autowired
    SigningKeys signingKeys;
    AuthClient client;
    String token;
    String userId;
    String username;

    @BeforeEach
    void setUp() {
        client = new AuthClient(port);
        username = client.registerFreshUser("user", "password123");
        var login = client.login(username, "password123");
        token = login.text("accessToken");
        userId = login.text("userId");
    }

    @Test
    void meAndByIdAnswerThePublicProfile() {
        var me = client.get("/api/users/me", token);
        var byId = client.get("/api/users/" + userId, token);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().propertyNames()).containsExactlyInAnyOrder("userId", "username", "displayName");
        assertThat(me.text("userId")).isEqualTo(userId);
        assertThat(byId.body()).isEqualTo(me.body());
    }

    @Test
    void anUnknownUserAnswers404ProblemAndABadId400() {
        var unknown = client.get("/api/users/" + UUID.randomUUID(), token);
        var bad = client.get("/api/users/not-a-uuid", token);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    @Test
    void searchFindsUsersByUsernameOrDisplayNamePrefixIgnoringCase() {
        String tag = "srch" + UUID.randomUUID().toString().substring(0, 6);
        String a = tag + "_anna";
        client.post("/api/auth/register", Map.of("username", a, "password", "password123", "displayName", "Anna"));
        client.post("/api/auth/register", Map.of("username", "zz" + tag, "password", "password123",
                "displayName", tag.toUpperCase() + " Bob"));
        client.post("/api/auth/register", Map.of("username", "yy" + tag, "password", "password123",
                "displayName", "Carol"));

        var byPrefix = client.get("/api/users?q=" + tag.toUpperCase(), token);
        var limited = client.get("/api/users?q=" + tag + "&limit=1", token);
        var wildcard = client.get("/api/users?q=%25", token);

        assertThat(byPrefix.status()).isEqualTo(200);
        assertThat(byPrefix.body().path("items").valueStream().map(u -> u.path("username").asString()))
                .containsExactly(a, "zz" + tag);
        assertThat(limited.body().path("items").size()).isEqualTo(1);
        assertThat(wildcard.body().path("items").size()).as("'%' is a literal, not a wildcard").isZero();
    }

    @Test
    void searchRejectsABlankQueryAndAnOversizedLimit() {
        var blank = client.get("/api/users?q=", token);
        var tooMany = client.get("/api/users?q=a&limit=500", token);

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().path("errors").get(0).path("field").asString()).isEqualTo("limit");
    }

    @Test
    void withoutAValidTokenTheUserApiAnswers401Problem() throws Exception {
        String foreignKey = TestIssuer.shared().token(UUID.fromString(userId), username, "http://127.0.0.1:8081",
                Duration.ofMinutes(5));
        String wrongIssuer = signWithOurKey("http://evil.example", Duration.ofMinutes(5));
        String expired = signWithOurKey("http://127.0.0.1:8081", Duration.ofMinutes(-5));

        for (String bad : new String[] {"garbage", foreignKey, wrongIssuer, expired}) {
            var r = client.get("/api/users/me", bad);
            assertThat(r.status()).as(bad).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        var none = client.get("/api/users/me");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.raw().headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(client.get("/api/users/me", signWithOurKey("http://127.0.0.1:8081", Duration.ofMinutes(5)))
                .status()).as("control: the same token with the right issuer passes").isEqualTo(200);
    }

    @Test
    void aStaleTokenSentToTheAuthEndpointsIsIgnored() throws Exception {
        var res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                        .header("Authorization", "Bearer stale.garbage.token")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + username + "\",\"password\":\"password123\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).isEqualTo(200);
    }

    private String signWithOurKey(String issuer, Duration lifetime) throws Exception {
        var key = signingKeys.signingKey();
        Instant now = Instant.now();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject(userId)
                        .issueTime(Date.from(now.minusSeconds(600)))
                        .expirationTime(Date.from(now.plus(lifetime))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
