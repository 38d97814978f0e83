package dev.chat.conversation.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.conversation.IntegrationTest;
import dev.chat.testsupport.Http;
import dev.chat.conversation.testing.StandInAuthService.Mode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Users not in the projection yet are looked up at auth-service (here a stand-in HTTP server). */
class AuthServiceFallbackIT extends IntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;

    CircuitBreaker breaker() {
        return breakers.circuitBreaker(AuthServiceClient.NAME);
    }

    @BeforeEach
    @AfterEach
    void healthyAuthService() {
        AUTH.reset();
        breaker().reset();
    }

    @Test
    void aUserTheProjectionHasNotSeenYetIsConfirmedByAuthServiceWithTheCallersToken() {
        User me = registeredUser();
        User justRegistered = unknownUser();
        AUTH.know(justRegistered.id());

        Http.Response response = http.post("/api/conversations/direct", me.token(), Map.of("userId", justRegistered.id()));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(AUTH.hits()).isEqualTo(1);
        assertThat(AUTH.lastAuthorization()).isEqualTo("Bearer " + me.token());
    }

    @Test
    void aUserAuthServiceDoesNotKnowIsNotFoundWithoutRetry() {
        User me = registeredUser();

        Http.Response response = http.post("/api/conversations", me.token(), Map.of(
                "type", "GROUP", "title", "t", "memberIds", List.of(unknownUser().id())));

        assertThat(response.status()).isEqualTo(404);
        assertThat(AUTH.hits()).isEqualTo(1);
    }

    @Test
    void aFailingAuthServiceIsRetriedOnceThenServiceUnavailable() {
        User me = registeredUser();
        AUTH.mode(Mode.FAIL);

        Http.Response response = http.post("/api/conversations/direct", me.token(), Map.of("userId", unknownUser().id()));

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(AUTH.hits()).isEqualTo(2);
    }

    @Test
    void aHangingAuthServiceTimesOutToServiceUnavailable() {
        User me = registeredUser();
        AUTH.mode(Mode.HANG);

        Http.Response response = http.post("/api/conversations/direct", me.token(), Map.of("userId", unknownUser().id()));

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
    }

    @Test
    void anOpenCircuitAnswersServiceUnavailableWithoutCallingAuthService() {
        User me = registeredUser();
        User someone = unknownUser();
        AUTH.know(someone.id());
        breaker().transitionToOpenState();

        Http.Response response = http.post("/api/conversations/direct", me.token(), Map.of("userId", someone.id()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(AUTH.hits()).isZero();
    }

    @Test
    void repeatedFailuresOpenTheCircuit() {
        User me = registeredUser();
        AUTH.mode(Mode.FAIL);

        for (int i = 0; i < 5; i++) {
            http.post("/api/conversations/direct", me.token(), Map.of("userId", unknownUser().id()));
        }

        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int hits = AUTH.hits();
        assertThat(http.post("/api/conversations/direct", me.token(), Map.of("userId", unknownUser().id())).status())
                .isEqualTo(503);
        assertThat(AUTH.hits()).isEqualTo(hits);
    }
}
