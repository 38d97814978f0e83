package dev.chat.message.mention;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.Topics;
import dev.chat.events.UserRegistered;
import dev.chat.events.kafka.ReadableRecords;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Projects usernames from {@code chat.users.v1} into {@code users}, for {@link Mentions}. Idempotent by itself (an
 * upsert of the same row), so no dedupe marker is written: a redelivery changes nothing.
 */
@Component
class UserDirectory {

    static final String CONSUMER = "message-service.users";

    private final JdbcTemplate jdbc;

    UserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @KafkaListener(topics = Topics.USERS, groupId = CONSUMER)
    void on(ConsumerRecord<String, String> record) {
        EventEnvelope<ChatEvent> event = ReadableRecords.event(record).orElse(null);
        if (event != null && event.payload() instanceof UserRegistered u && u.userId() != null && u.username() != null) {
            jdbc.update("""
                    insert into users (user_id, username) values (?, ?)
                    on conflict (user_id) do update set username = excluded.username""",
                    u.userId(), u.username().toLowerCase(Locale.ROOT));
        }
    }
}
