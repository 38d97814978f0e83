package dev.chat.message.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MessageCreated;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.MessageServiceApplication;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Exactly once across pods and restarts: besides this suite's own context, two more message-service pods run on the
 * same database and poll it at once (their membership consumers stay off, so the suite's consumer group does not
 * rebalance: this context applies the projection all three read). Each due message becomes one message and one
 * MessageCreated, whichever pod sends it; a pod that claimed a row and died before committing loses nothing.
 */
class ScheduledDeliveryAcrossPodsIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final List<ConfigurableApplicationContext> pods = new ArrayList<>();

    @BeforeEach
    void twoMorePods() {
        CONVERSATIONS.reset();
        pods.add(pod());
        pods.add(pod());
    }

    @AfterEach
    void stopPods() {
        pods.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext pod() {
        // the datasource, broker and issuer come from the system properties @RealInfrastructure set
        return new SpringApplicationBuilder(MessageServiceApplication.class).run(
                "--server.port=0",
                "--chat.message.conversation-uri=" + CONVERSATIONS.uri(),
                "--chat.message.schedule.poll-interval=50ms",
                "--chat.message.schedule.batch-size=5",
                "--spring.kafka.listener.auto-startup=false");
    }

    /** A conversation of two, and the member who schedules into it. */
    private record Conversation(UUID id, User sender) {
    }

    private List<Conversation> conversations(int count) {
        List<Conversation> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            User sender = user();
            list.add(new Conversation(conversationOf(sender, user()), sender));
        }
        return list;
    }

    @Test
    void podsPollingTheSameDatabaseSendEachDueMessageExactlyOnce() {
        List<Conversation> conversations = conversations(3);
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            List<UUID> scheduled = scheduleAndMakeDue(conversations, 60);

            awaitAllSent(scheduled);

            assertEachSentOnce(conversations, scheduled, tail);
        }
    }

    @Test
    void aRowAPodClaimedAndNeverCommittedIsSentByAnotherOnce() throws Exception {
        List<Conversation> conversations = conversations(1);
        Conversation c = conversations.getFirst();
        try (Events.Tail tail = Events.tail(Topics.MESSAGES);
             Connection dyingPod = DriverManager.getConnection(databaseUrl(), Postgres.USER, Postgres.PASSWORD)) {
            var first = http.post("/api/conversations/" + c.id() + "/scheduled-messages", c.sender().token(),
                    Map.of("body", "held", "sendAt", Instant.now().plusSeconds(5).toString()));
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            UUID held = UUID.fromString(first.json().get("id").asString());
            // a pod's delivery transaction that claimed the row and has not committed (its send under way); the
            // row is not due for seconds yet, so no pod can have taken it first
            dyingPod.setAutoCommit(false);
            try (PreparedStatement claim = dyingPod.prepareStatement(
                    "select id from scheduled_messages where id = ? and state = 'PENDING' for update skip locked")) {
                claim.setObject(1, held);
                assertThat(claim.executeQuery().next()).isTrue();
            }
            List<UUID> scheduled = new ArrayList<>(scheduleAndMakeDue(conversations, 8));
            awaitAllSent(scheduled);
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                    "select send_at <= now() from scheduled_messages where id = ?", Boolean.class, held)));
            // due after the held one: whoever sends it looked past the held row, due first, and skipped it
            List<UUID> later = scheduleAndMakeDue(conversations, 1);
            awaitAllSent(later);
            scheduled.addAll(later);
            scheduled.add(held);
            assertThat(state(held)).as("nobody sends a row another pod holds").isEqualTo("PENDING");
            assertThat(jdbc.queryForObject("select count(*) from messages where client_message_id = ?",
                    Integer.class, "scheduled:" + held)).isZero();

            dyingPod.rollback(); // the pod died before its commit: its transaction is gone, the row free again
            awaitAllSent(scheduled);

            assertEachSentOnce(conversations, scheduled, tail);
        }
    }

    @Test
    void aPodStoppedMidwayLeavesTheRestToTheOthers() {
        List<Conversation> conversations = conversations(4);
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            List<UUID> scheduled = scheduleAndMakeDue(conversations, 200);
            await().atMost(WAIT).until(() -> sentCount(scheduled) > 0);
            pods.removeFirst().close(); // stopped while the pods are sending

            awaitAllSent(scheduled);

            assertEachSentOnce(conversations, scheduled, tail);
        }
    }

    private List<UUID> scheduleAndMakeDue(List<Conversation> conversations, int count) {
        List<UUID> ids = schedule(conversations, count);
        makeDue(ids);
        return ids;
    }

    /** Schedules {@code count} messages an hour ahead, spread over the conversations. */
    private List<UUID> schedule(List<Conversation> conversations, int count) {
        Instant at = Instant.now().plusSeconds(3600);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Conversation c = conversations.get(i % conversations.size());
            var r = http.post("/api/conversations/" + c.id() + "/scheduled-messages", c.sender().token(),
                    Map.of("body", "n" + i, "sendAt", at.toString()));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.add(UUID.fromString(r.json().get("id").asString()));
        }
        return ids;
    }

    /** The hour passes for them all at once: every pod finds them all due at its next poll. */
    private void makeDue(List<UUID> ids) {
        jdbc.update("update scheduled_messages set send_at = now() where id = any (?::uuid[])", array(ids));
    }

    private void awaitAllSent(List<UUID> ids) {
        await().atMost(WAIT).until(() -> sentCount(ids) == ids.size());
    }

    private int sentCount(List<UUID> ids) {
        return jdbc.queryForObject(
                "select count(*) from scheduled_messages where state = 'SENT' and id = any (?::uuid[])",
                Integer.class, array(ids));
    }

    private String state(UUID id) {
        return jdbc.queryForObject("select state from scheduled_messages where id = ?", String.class, id);
    }

    /**
     * One message per scheduled row (the one the row names, with its body and key), seqs without gaps, and one
     * MessageCreated per message on the topic: read up to a fence message each conversation sends last.
     */
    private void assertEachSentOnce(List<Conversation> conversations, List<UUID> scheduled, Events.Tail tail) {
        for (UUID id : scheduled) {
            Map<String, Object> row = jdbc.queryForMap(
                    "select s.message_id, s.message_seq, s.body, s.sender_id, s.conversation_id,"
                            + " (select count(*) from messages m where m.client_message_id = 'scheduled:' || s.id)"
                            + " as copies,"
                            + " (select m.body from messages m where m.id = s.message_id) as message_body"
                            + " from scheduled_messages s where s.id = ?", id);
            assertThat(row.get("copies")).as("messages of " + id).isEqualTo(1L);
            assertThat(row.get("message_body")).isEqualTo(row.get("body"));
        }
        for (Conversation c : conversations) {
            UUID conversation = c.id();
            long expected = scheduled.stream().filter(id -> conversation.equals(jdbc.queryForObject(
                    "select conversation_id from scheduled_messages where id = ?", UUID.class, id))).count();
            assertThat(jdbc.queryForObject("select count(*) from messages where conversation_id = ?", Long.class,
                    conversation)).isEqualTo(expected);
            assertThat(lastChangeSeq(conversation)).as("no number taken twice or lost").isEqualTo(expected);

            assertThat(send(conversation, c.sender(), "fence", "fence").status()).isEqualTo(201);
            List<EventEnvelope<ChatEvent>> events = tail.awaitKeyed(conversation.toString(), seen -> seen.stream()
                    .anyMatch(e -> e.payload() instanceof MessageCreated mc && mc.body().equals("fence")));
            List<MessageCreated> created = events.stream().map(EventEnvelope::payload)
                    .filter(e -> e instanceof MessageCreated mc && mc.clientMessageId().startsWith("scheduled:"))
                    .map(MessageCreated.class::cast).toList();
            assertThat(created).as("one MessageCreated per message").hasSize((int) expected);
            assertThat(created.stream().map(MessageCreated::messageId).distinct()).hasSize((int) expected);
            assertThat(created).extracting(MessageCreated::seq).as("in seq order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
        }
    }

    private static String array(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private String databaseUrl() {
        return jdbc.queryForObject("select 'jdbc:postgresql://" + Postgres.HOST + ":" + Postgres.PORT + "/' "
                + "|| current_database()", String.class);
    }
}
