package dev.chat.presence.delivery;

import dev.chat.events.socket.RealtimeKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.presence.PresenceIT;
import dev.chat.presence.TestSocket;
import dev.chat.presence.node.NodeId;
import dev.chat.testsupport.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

@PresenceIT
class NodeDeliveryIT {

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    NodeId nodeId;
    @Autowired
    MeterRegistry meters;

    private static String token(UUID user) {
        return TestIssuer.shared().token(user, "u" + user.toString().substring(0, 6));
    }

    private void publish(List<UUID> recipients, String frame) {
        String batch = TestSocket.JSON.writeValueAsString(Map.of(
                "recipients", recipients.stream().map(UUID::toString).toList(), "frame", frame));
        redis.convertAndSend(RealtimeKeys.channel(nodeId.value()), batch);
    }

    @Test
    void aBatchReachesEverySocketOfItsRecipientsAndNoOtherUser() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        double batchesBefore = meters.counter("chat.presence.batches.received").count();
        double deliveredBefore = meters.counter("chat.presence.frames.delivered").count();
        try (TestSocket alicePhone = TestSocket.authenticated(port, token(alice));
             TestSocket aliceLaptop = TestSocket.authenticated(port, token(alice));
             TestSocket bobSocket = TestSocket.authenticated(port, token(bob))) {
            String frame = "{\"type\":\"message.created\",\"conversationId\":\"c\",\"seq\":7,\"message\":{\"body\":\"hé \\\"quoted\\\"\"}}";
            publish(List.of(alice), frame);
            publish(List.of(bob), "{\"type\":\"marker\"}");

            for (TestSocket s : List.of(alicePhone, aliceLaptop)) {
                JsonNode pushed = s.next();
                assertThat(pushed.path("seq").asLong()).isEqualTo(7);
                assertThat(pushed.path("message").path("body").asString()).isEqualTo("hé \"quoted\"");
            }
            // Batches on one channel arrive in order: had bob got alice's frame, it would come first.
            assertThat(bobSocket.next().path("type").asString()).isEqualTo("marker");
        }
        assertThat(meters.counter("chat.presence.batches.received").count()).isGreaterThanOrEqualTo(batchesBefore + 2);
        assertThat(meters.counter("chat.presence.frames.delivered").count()).isGreaterThanOrEqualTo(deliveredBefore + 3);
        assertThat(meters.get("chat.presence.sockets.open").gauge()).isNotNull();
    }

    @Test
    void aMalformedBatchIsDroppedAndDeliveryGoesOn() {
        UUID carol = UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, token(carol))) {
            redis.convertAndSend(RealtimeKeys.channel(nodeId.value()), "{not json");
            redis.convertAndSend(RealtimeKeys.channel(nodeId.value()), "{\"recipients\":[\"x\"],\"frame\":\"{}\"}");
            publish(List.of(carol), "{\"type\":\"after\"}");
            assertThat(socket.next().path("type").asString()).isEqualTo("after");
        }
    }

    @Test
    void aSocketThatStopsReadingIsClosedInsteadOfBufferingWithoutBound() {
        UUID slow = UUID.randomUUID();
        double closedBefore = meters.counter("chat.presence.sockets.closed.slow").count();
        TestSocket socket = TestSocket.authenticated(port, token(slow));
        socket.stopReading();
        socket.send("{\"type\":\"ping\"}"); // the client takes at most this one more frame
        String big = "{\"type\":\"filler\",\"pad\":\"" + "x".repeat(60_000) + "\"}";
        // Keep pushing until the node gives up on the socket (the it profile allows 64 pending frames).
        for (int i = 0; i < 3000 && meters.counter("chat.presence.sockets.closed.slow").count() == closedBefore; i++) {
            publish(List.of(slow), big);
            if (i % 20 == 19) {
                sleep(20);
            }
        }
        assertThat(meters.counter("chat.presence.sockets.closed.slow").count()).isGreaterThan(closedBefore);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(redis.hasKey(RealtimeKeys.userNodes(slow))).isFalse());
        socket.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
