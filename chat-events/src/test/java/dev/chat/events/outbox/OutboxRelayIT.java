package dev.chat.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.events.MessageCreated;
import dev.chat.events.Topics;
import dev.chat.events.inbox.ConsumedEvents;
import dev.chat.testsupport.KafkaBroker;
import dev.chat.testsupport.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The relay against a real PostgreSQL and a real Kafka broker. */
class OutboxRelayIT {

    static DataSource dataSource;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    final List<OutboxRelay> relays = new ArrayList<>();
    String topicKeyPrefix;

    @BeforeAll
    static void schema() throws IOException {
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), Postgres.freshDatabase("outbox_it"),
                Postgres.USER, Postgres.PASSWORD);
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        try (var in = OutboxRelayIT.class.getResourceAsStream("/db/chat-events/V0_1__outbox.sql")) {
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        jdbc.execute("create table conversation_seq (id text primary key, last_seq bigint not null)");
    }

    @BeforeEach
    void clean() {
        jdbc.update("delete from outbox");
        topicKeyPrefix = UUID.randomUUID().toString();
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
    }

    @Test
    void concurrentWritersAndTwoRelaysPublishEveryEventOnceInPerKeyOrder() throws Exception {
        OutboxRelay first = relay();
        OutboxRelay second = relay();
        OutboxWriter writer = new OutboxWriter(jdbc, () -> {
            first.wake();
            second.wake();
        }, 16);
        List<UUID> conversations = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int perThread = 40;
        int threads = 6;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        UUID c = conversations.get(i % conversations.size());
                        send(writer, c);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        Map<UUID, List<Long>> seen = consume(conversations, threads * perThread);
        for (UUID c : conversations) {
            List<Long> seqs = seen.get(c);
            assertThat(seqs).as("conversation %s", c).isSorted().doesNotHaveDuplicates();
            assertThat(seqs.getLast()).isEqualTo(seqs.size());
        }
        assertThat(jdbc.queryForObject("select count(*) from outbox", Integer.class)).isZero();
    }

    @Test
    void aRowThatCommitsAfterLaterRowsWereSentIsStillSent() throws Exception {
        OutboxRelay relay = relay();
        OutboxWriter writer = new OutboxWriter(jdbc, relay::wake, 16);
        UUID slow = UUID.randomUUID();
        UUID fast = UUID.randomUUID();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread late = Thread.ofPlatform().start(() -> tx.executeWithoutResult(s -> {
            writer.append(event(slow, 1)); // takes the lower outbox id...
            appended.countDown();
            await(release);                 // ...but commits last
        }));
        appended.await();
        tx.executeWithoutResult(s -> writer.append(event(fast, 1)));
        assertThat(consume(List.of(fast), 1)).containsKey(fast);
        release.countDown();
        late.join();
        assertThat(consume(List.of(slow), 1).get(slow)).containsExactly(1L);
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        OutboxRelay relay = relay();
        OutboxWriter writer = new OutboxWriter(jdbc, relay::wake, 16);
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            writer.append(event(rolledBack, 1));
            s.setRollbackOnly();
        });
        tx.executeWithoutResult(s -> writer.append(event(committed, 1)));
        Map<UUID, List<Long>> seen = consume(List.of(rolledBack, committed), 1);
        assertThat(seen).containsOnlyKeys(committed);
    }

    @Test
    void aRedeliveredEventIsRecognisedByTheConsumer() {
        ConsumedEvents consumed = new ConsumedEvents(jdbc);
        UUID eventId = UUID.randomUUID();
        Boolean first = tx.execute(s -> consumed.firstDelivery("test.consumer", eventId));
        Boolean again = tx.execute(s -> consumed.firstDelivery("test.consumer", eventId));
        Boolean otherConsumer = tx.execute(s -> consumed.firstDelivery("other.consumer", eventId));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    /** A send as message-service does it: lock the conversation's counter, take the next seq, append. */
    private void send(OutboxWriter writer, UUID conversation) {
        tx.executeWithoutResult(s -> {
            long seq = jdbc.queryForObject("""
                    insert into conversation_seq (id, last_seq) values (?, 1)
                    on conflict (id) do update set last_seq = conversation_seq.last_seq + 1
                    returning last_seq""", Long.class, conversation.toString());
            writer.append(event(conversation, seq));
        });
    }

    private static MessageCreated event(UUID conversation, long seq) {
        return new MessageCreated(UUID.randomUUID(), conversation, seq, UUID.randomUUID(), "c" + seq, "body",
                null, Instant.now());
    }

    private OutboxRelay relay() {
        var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
        OutboxRelay relay = new OutboxRelay(jdbc, tx, producer,
                new OutboxRelay.Settings(16, 50, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(1)));
        relay.start();
        relays.add(relay);
        return relay;
    }

    /** Reads the messages topic until {@code expected} events of these conversations arrived; seqs per key. */
    private static Map<UUID, List<Long>> consume(List<UUID> conversations, int expected) {
        Map<UUID, List<Long>> seen = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.MESSAGES));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int count = 0;
            while (count < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope<?> e = EventJson.read(r.value());
                    if (e.payload() instanceof MessageCreated m && conversations.contains(m.conversationId())) {
                        assertThat(r.key()).isEqualTo(m.conversationId().toString());
                        seen.computeIfAbsent(m.conversationId(), k -> new ArrayList<>()).add(m.seq());
                        count++;
                    }
                }
            }
            // Anything published by mistake (a duplicate, a rolled-back row) shows up by the next polls.
            for (int i = 0; i < 5; i++) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope<?> e = EventJson.read(r.value());
                    if (e.payload() instanceof MessageCreated m && conversations.contains(m.conversationId())) {
                        seen.computeIfAbsent(m.conversationId(), k -> new ArrayList<>()).add(m.seq());
                    }
                }
            }
        }
        return seen;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
