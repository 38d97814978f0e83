package dev.chat.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.auth.AuthClient;
import dev.chat.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealInfrastructure(database = "auth_it", testIssuer = false, redis = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefreshTokenIT {

    @LocalServerPort
    int port;
    AuthClient client;

    @BeforeEach
    void setUp() {
        client = new AuthClient(port);
    }

    @Test
    void refreshingRotatesTheRefreshTokenAndAnswersAWorkingAccessToken() {
        String username = client.registerFreshUser("rot", "password123");
        var login = client.login(username, "password123");

        var refreshed = client.refresh(login.text("refreshToken"));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.text("refreshToken")).isNotEqualTo(login.text("refreshToken"));
        assertThat(refreshed.text("userId")).isEqualTo(login.text("userId"));
        assertThat(client.get("/api/users/me", refreshed.text("accessToken")).status()).isEqualTo(200);
        assertThat(client.refresh(refreshed.text("refreshToken")).status()).as("the successor works once")
                .isEqualTo(200);
    }

    @Test
    void reusingARotatedTokenAnswers401AndRevokesTheWholeFamily() {
        String username = client.registerFreshUser("reuse", "password123");
        String first = client.login(username, "password123").text("refreshToken");
        String otherDevice = client.login(username, "password123").text("refreshToken");
        String second = client.refresh(first).text("refreshToken");

        var reuse = client.refresh(first);

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.contentType()).startsWith("application/problem+json");
        assertThat(client.refresh(second).status()).as("the thief's successor is revoked too").isEqualTo(401);
        assertThat(client.refresh(otherDevice).status()).as("another login is another family").isEqualTo(200);
    }

    @Test
    void anUnknownRefreshTokenAnswers401AndABlankOne400() {
        assertThat(client.refresh("bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtbm90LWEtcmVhbC10b2tlbg").status()).isEqualTo(401);
        assertThat(client.post("/api/auth/refresh", "{\"refreshToken\":\"\"}", "application/json").status())
                .isEqualTo(400);
    }
}
