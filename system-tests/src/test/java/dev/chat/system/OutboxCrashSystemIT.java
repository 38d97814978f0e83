package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.events.MessageCreated;
import dev.chat.events.Topics;
import dev.chat.testsupport.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The outbox under a broker outage: the send commits while Kafka is down, the event waits in the outbox, and
 * once the broker is back it is published exactly once and delivered.
 */
class OutboxCrashSystemIT {

    @Test
    void aMessageCommittedWhileKafkaIsDownIsPublishedOnceAndDeliveredWhenItReturns() throws Exception {
        Stack stack = Stack.shared();
        Api api = new Api(stack.gatewayUrl());
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        String dm = api.createDirect(alice, bob);
        try (SocketClient bobSocket = new SocketClient(api, stack.gatewayWsUrl(), bob)) {
            api.send(alice, dm, "before the outage");
            bobSocket.awaitApplied(dm, 1);

            JsonNode duringOutage;
            stack.kafka().stop();
            try {
                duringOutage = api.send(alice, dm, "sent while Kafka is down");
                // Committed: readable, and its event waits in message-service's outbox.
                assertThat(api.messagesAfter(bob, dm, 1)).extracting(m -> m.path("id"))
                        .containsExactly(duringOutage.path("id"));
                assertThat(outboxRowsFor(duringOutage.path("id").asString())).isEqualTo(1);
            } finally {
                stack.kafka().start();
            }

            bobSocket.awaitApplied(dm, 2);
            JsonNode after = api.send(alice, dm, "after the outage");
            bobSocket.awaitApplied(dm, 3);
            assertThat(bobSocket.pushed.get(dm)).containsExactly(1L, 2L, 3L);
            assertThat(bobSocket.applied.get(dm).get(1).path("id")).isEqualTo(duringOutage.path("id"));

            List<MessageCreated> published = messageEventsOf(stack, dm, after.path("id").asString());
            assertThat(published).extracting(MessageCreated::seq).containsExactly(1L, 2L, 3L);
            assertThat(outboxRowsFor(duringOutage.path("id").asString())).isZero();
        }
    }

    /** The outbox rows still holding the event of {@code messageId}. */
    private static int outboxRowsFor(String messageId) throws SQLException {
        try (Connection c = DriverManager.getConnection(Postgres.jdbcUrl(Stack.database("message")), Postgres.USER,
                Postgres.PASSWORD);
             var ps = c.prepareStatement("select count(*) from outbox where payload like ?")) {
            ps.setString(1, "%" + messageId + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every MessageCreated of the conversation on the topic, reading until {@code lastMessageId} shows up. */
    private static List<MessageCreated> messageEventsOf(Stack stack, String conversationId, String lastMessageId) {
        List<MessageCreated> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.MESSAGES));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (events.stream().noneMatch(e -> e.messageId().toString().equals(lastMessageId))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("message " + lastMessageId + " never reached " + Topics.MESSAGES);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!conversationId.equals(record.key())) {
                        continue;
                    }
                    EventEnvelope<ChatEvent> envelope = EventJson.read(record.value());
                    if (envelope.payload() instanceof MessageCreated m) {
                        events.add(m);
                    }
                }
            }
        }
        return events;
    }
}
