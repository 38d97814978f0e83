package dev.chat.message.testing;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events the way the outbox relay does and reads what the service published, from the real broker. */
public final class Events {

    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    public static synchronized EventEnvelope<?> publish(ChatEvent event) {
        return publishEnvelope(EventEnvelope.wrap(event));
    }

    /** Sends {@code json} as the record value under the envelope's topic and key. */
    public static synchronized EventEnvelope<?> publishRaw(EventEnvelope<?> envelope, String json) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(envelope.topic(), envelope.key(), json)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return envelope;
    }

    public static EventEnvelope<?> publishEnvelope(EventEnvelope<?> envelope) {
        return publishRaw(envelope, EventJson.write(envelope));
    }

    /**
     * Reads {@code topic} from the beginning and returns the events with record key {@code key}, in topic
     * order, as soon as they satisfy {@code until}; fails after a generous minute.
     */
    public static List<EventEnvelope<ChatEvent>> awaitKeyed(String topic, String key,
                                                            Predicate<List<EventEnvelope<ChatEvent>>> until) {
        List<EventEnvelope<ChatEvent>> seen = new ArrayList<>();
        awaitKeyedRecords(topic, key, records -> {
            seen.clear();
            records.forEach(r -> seen.add(EventJson.read(r.value())));
            return until.test(seen);
        });
        return seen;
    }

    /** {@link #awaitKeyed} with the records themselves (headers included). */
    public static List<ConsumerRecord<String, String>> awaitKeyedRecords(String topic, String key,
                                                                         Predicate<List<ConsumerRecord<String, String>>> until) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        seen.add(r);
                    }
                }
                if (until.test(seen)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("records keyed " + key + " on " + topic + " never matched; saw " + seen.size());
    }

    /**
     * A reader of {@code topic} positioned at its end now: what it returns was published after this call. Keeps its
     * position between calls, so a test that publishes in rounds reads each record once.
     */
    public static Tail tail(String topic) {
        return new Tail(topic);
    }

    public static final class Tail implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Map<String, List<EventEnvelope<ChatEvent>>> byKey = new java.util.HashMap<>();

        private Tail(String topic) {
            consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, not at the first poll
        }

        /** Every event keyed {@code key} read since this tail was made, in topic order, once it satisfies {@code until}. */
        public List<EventEnvelope<ChatEvent>> awaitKeyed(String key, Predicate<List<EventEnvelope<ChatEvent>>> until) {
            List<EventEnvelope<ChatEvent>> seen = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!until.test(seen)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("events keyed " + key + " never matched; saw " + seen);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(EventJson.read(r.value()));
                }
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
