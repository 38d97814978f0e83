package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * More sends at once than message-service admits: the excess is refused at once with 503 problem+json and
 * Retry-After, everything else is accepted, the service stays alive, and sends succeed again afterwards.
 * Speed is the bench tool's business (./chat bench --mode overload): nothing here is timed.
 */
class OverloadSystemIT {

    static Stack stack;
    static Api api;
    // HTTP/1.1: each send of the flood on its own connection, truly at once.
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startStack() {
        stack = Stack.shared();
        api = new Api(stack.gatewayUrl());
    }

    @Test
    void sendsBeyondCapacityAreRefusedFastWith503AndTheServiceRecovers() throws Exception {
        Api.User alice = api.newUser("flood");
        Api.User bob = api.newUser("flood");
        String dm = api.createDirect(alice, bob);
        api.send(alice, dm, "before the flood");

        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 5 && refused == 0; round++) {
            List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String body = Api.JSON.writeValueAsString(Map.of("clientMessageId", UUID.randomUUID().toString(),
                        "body", "flood " + i));
                flood.add(HTTP.sendAsync(HttpRequest.newBuilder(
                                URI.create(stack.gatewayUrl() + "/api/conversations/" + dm + "/messages"))
                        .header("Authorization", "Bearer " + alice.token())
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : flood) {
                HttpResponse<String> r = f.get(90, TimeUnit.SECONDS);
                if (r.statusCode() == 201) {
                    accepted++;
                    continue;
                }
                assertThat(r.statusCode()).as("a send is accepted or refused as overloaded: %s", r.body())
                        .isIn(429, 503);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(r.headers().firstValue("Retry-After")).as("a refusal says when to retry").isPresent();
                refused++;
            }
        }

        assertThat(refused).as("the flood went past the admission limit").isPositive();
        assertThat(accepted).as("the service kept working during the flood").isPositive();
        HttpResponse<String> liveness = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.serviceUrl("message") + "/actuator/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(liveness.statusCode()).as("message-service is alive").isEqualTo(200);

        // Back to normal once the flood is over (the gateway's breaker may need a moment to close again).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status = 0;
        while (status != 201 && System.nanoTime() < deadline) {
            status = api.sendRaw(alice, dm, UUID.randomUUID().toString(), "after the flood").status();
            if (status != 201) {
                Thread.sleep(500);
            }
        }
        assertThat(status).as("sends succeed again after the flood").isEqualTo(201);
        // Every accepted send is in the history exactly once (nothing partial from the refused ones).
        assertThat(api.messagesAfter(alice, dm, 0)).hasSize(accepted + 2);
    }
}
