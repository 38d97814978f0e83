package dev.chat.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.auth.AuthClient;
import dev.chat.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealInfrastructure(database = "auth_it", testIssuer = false, redis = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyRotationIT {

    @LocalServerPort
    int port;
    @Autowired
    SigningKeys signingKeys;

    @Test
    void afterARotationTheNewKeySignsAndTokensOfTheOldKeyStillVerify() throws Exception {
        var client = new AuthClient(port);
        String username = client.registerFreshUser("rotate", "password123");
        String before = client.login(username, "password123").text("accessToken");

        signingKeys.rotate();
        String after = client.login(username, "password123").text("accessToken");

        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        String newKid = SignedJWT.parse(after).getHeader().getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid);
        JWKSet published = JWKSet.parse(client.get("/.well-known/jwks.json").raw().body());
        assertThat(published.getKeyByKeyId(oldKid)).isNotNull();
        assertThat(published.getKeyByKeyId(newKid)).isNotNull();
        assertThat(client.get("/api/users/me", before).status()).isEqualTo(200);
        assertThat(client.get("/api/users/me", after).status()).isEqualTo(200);
    }
}
