package dev.chat.events.kafka;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How every consumer reads a record's event. */
public final class ReadableRecords {

    private static final Logger log = LoggerFactory.getLogger(ReadableRecords.class);

    private ReadableRecords() {
    }

    /**
     * The record's event, or empty (logged) for a record this contract cannot read: malformed JSON, a
     * missing or malformed field, or a type from a newer producer. Consumers skip those rather than block
     * their partition on a record that will never become readable.
     */
    public static Optional<EventEnvelope<ChatEvent>> event(ConsumerRecord<String, String> record) {
        try {
            return Optional.of(EventJson.read(record.value()));
        } catch (RuntimeException unreadable) {
            log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    unreadable.toString());
            return Optional.empty();
        }
    }
}
