package dev.chat.presence.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.presence.PresenceIT;
import dev.chat.presence.TestSocket;
import dev.chat.presence.node.NodeId;
import dev.chat.testsupport.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Frames queued for a socket together leave in one WebSocket message (a JSON array), in order. */
@PresenceIT
class CoalescedFramesIT {

    @LocalServerPort
    int port;
    @Autowired
    LocalSessions sessions;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    NodeId nodeId;
    @Autowired
    MeterRegistry meters;

    private static String token(UUID user) {
        return TestIssuer.shared().token(user, "c" + user.toString().substring(0, 6));
    }

    private SocketSession sessionOf(UUID user) {
        return sessions.all().stream().filter(s -> user.equals(s.userId())).findFirst().orElseThrow();
    }

    @Test
    void framesQueuedBeforeTheSocketIsWrittenArriveInOrderInOneMessage() throws Exception {
        UUID user = UUID.randomUUID();
        double messagesBefore = meters.counter("chat.presence.socket.messages.written").count();
        double framesBefore = meters.counter("chat.presence.socket.frames.written").count();
        try (TestSocket socket = TestSocket.authenticated(port, token(user))) {
            SocketSession session = sessionOf(user);
            var netty = (NettyUpgradeStrategy.Session) session.ws();
            // Queue five frames inside one task of the socket's event loop: its drain can only run after it, as
            // when the loop is busy while a burst of batches comes in.
            netty.eventLoop().submit(() -> {
                for (int i = 1; i <= 5; i++) {
                    assertThat(session.push(("{\"type\":\"n\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)))
                            .isTrue();
                }
                assertThat(session.pending()).isEqualTo(5);
            }).get();

            List<Integer> received = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                received.add(socket.next().path("n").asInt());
            }
            assertThat(received).containsExactly(1, 2, 3, 4, 5);
            assertThat(socket.messagesReceived()).as("welcome, then the five frames in one message").isEqualTo(2);
            assertThat(session.pending()).isZero();

            // A frame on its own is still a message of its own (no array), as it always was.
            socket.send("{\"type\":\"ping\"}");
            assertThat(socket.next().path("type").asString()).isEqualTo("pong");
            assertThat(socket.messagesReceived()).isEqualTo(3);
        }
        assertThat(meters.counter("chat.presence.socket.frames.written").count() - framesBefore)
                .isGreaterThan(meters.counter("chat.presence.socket.messages.written").count() - messagesBefore);
    }

    @Test
    void aBurstOfBatchesOnTheNodeChannelReachesTheSocketInOrder() {
        UUID user = UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, token(user))) {
            // Within what the it profile lets wait for the event loop (64 pending frames beyond Netty's write-ahead).
            int burst = 100;
            byte[] channel = RealtimeKeys.channel(nodeId.value()).getBytes(StandardCharsets.UTF_8);
            // One pipeline, as the fan-out publishes a poll batch: the node reads the batches back to back.
            redis.executePipelined((RedisCallback<Object>) connection -> {
                for (int i = 1; i <= burst; i++) {
                    String batch = TestSocket.JSON.writeValueAsString(Map.of(
                            "recipients", List.of(user.toString()),
                            "frame", "{\"type\":\"n\",\"n\":" + i + "}"));
                    connection.publish(channel, batch.getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            List<Integer> received = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                received.add(socket.next().path("n").asInt());
            }
            assertThat(received).isSortedAccordingTo(Integer::compare).hasSize(burst).doesNotHaveDuplicates();
            assertThat(received.getLast()).isEqualTo(burst);
            // How many messages carried them depends on timing; never more than one per frame.
            assertThat(socket.messagesReceived() - 1).isBetween(1, burst);
            assertThat(sessionOf(user).pending()).isZero();
        }
    }
}
