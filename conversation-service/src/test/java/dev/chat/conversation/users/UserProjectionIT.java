package dev.chat.conversation.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.conversation.IntegrationTest;
import dev.chat.conversation.testing.Events;
import dev.chat.events.EventEnvelope;
import dev.chat.events.UserRegistered;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserProjectionIT extends IntegrationTest {

    @Test
    void aRegisteredUserLandsInTheProjectionAndCanBeMessagedWithoutAskingAuthService() {
        AUTH.reset();
        UUID id = UUID.randomUUID();
        Events.publish(new UserRegistered(id, "dora", "Dora D", Instant.now()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForMap(
                "select username, display_name from users where user_id = ?", id))
                .containsEntry("username", "dora").containsEntry("display_name", "Dora D"));

        User me = registeredUser();
        var response = http.post("/api/conversations/direct", me.token(), Map.of("userId", id));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(AUTH.hits()).isZero();
    }

    @Test
    void aRedeliveredEventIsAppliedOnceAndUnreadableRecordsAreSkipped() {
        UUID id = UUID.randomUUID();
        EventEnvelope<UserRegistered> first = EventEnvelope.wrap(new UserRegistered(id, "eve", "Eve", Instant.now()));
        Events.publishEnvelope(first);
        // Same eventId again, carrying a different name: a redelivery must not apply it.
        Events.publishEnvelope(new EventEnvelope<>(first.eventId(), first.type(), first.version(), first.occurredAt(),
                first.key(), new UserRegistered(id, "eve-redelivered", "Eve", Instant.now())));
        Events.publishRaw(first, "{not json");
        Events.publishRaw(first, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"FromTheFuture\","
                + "\"version\":1,\"occurredAt\":\"2030-01-01T00:00:00Z\",\"key\":\"" + id + "\",\"payload\":{}}");
        UUID marker = UUID.randomUUID();
        // Published under the same record key as the others, so it lands behind them on the same partition.
        Events.publishEnvelope(new EventEnvelope<>(UUID.randomUUID(), first.type(), 1, Instant.now(), first.key(),
                new UserRegistered(marker, "marker", "M", Instant.now())));

        // Once the marker is in, everything before it on the partition was consumed.
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from users where user_id = ?", Integer.class, marker) == 1);
        assertThat(jdbc.queryForObject("select username from users where user_id = ?", String.class, id))
                .isEqualTo("eve");
        assertThat(jdbc.queryForObject("select count(*) from consumed_events where event_id = ?", Integer.class,
                first.eventId())).isEqualTo(1);
    }
}
