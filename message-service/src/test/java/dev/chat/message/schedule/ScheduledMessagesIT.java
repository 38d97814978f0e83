package dev.chat.message.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberMuted;
import dev.chat.events.MessageCreated;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.message.testing.MoreHttp;
import dev.chat.testsupport.Http;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Scheduled messages through the API and the poller of this test's one pod: who may schedule (the send's posting
 * rules), what is valid, who sees and changes them, and that a due one becomes exactly one real message.
 */
class ScheduledMessagesIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    ScheduleRetention retention;
    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    // ---- scheduling: valid input, and the posting rules of a send -------------------------------------------

    static Arguments refused(String name, Function<Group, List<ChatEvent>> then, Function<Group, User> who,
                             Function<Instant, String> body, int status, @Nullable String detail) {
        return Arguments.of(name, then, who, body, status, detail);
    }

    static String json(@Nullable String body, @Nullable Instant sendAt) {
        Map<String, Object> m = new HashMap<>();
        if (body != null) {
            m.put("body", body);
        }
        if (sendAt != null) {
            m.put("sendAt", sendAt.toString());
        }
        return Http.JSON.writeValueAsString(m);
    }

    static Stream<Arguments> refusals() {
        Function<Group, List<ChatEvent>> nothing = g -> List.of();
        Function<Instant, String> valid = now -> json("later", now.plus(1, ChronoUnit.HOURS));
        return Stream.of(
                refused("a sendAt in the past", nothing, Group::member,
                        now -> json("later", now.minusSeconds(60)), 400, "sendAt must be in the future"),
                refused("a sendAt more than a year ahead", nothing, Group::member,
                        now -> json("later", now.plus(400, ChronoUnit.DAYS)), 400, null),
                refused("no sendAt", nothing, Group::member, now -> json("later", null), 400, null),
                refused("a sendAt that is no time", nothing, Group::member,
                        now -> "{\"body\":\"later\",\"sendAt\":\"tomorrow\"}", 400, null),
                refused("a blank body", nothing, Group::member,
                        now -> json("   ", now.plus(1, ChronoUnit.HOURS)), 400, null),
                refused("no body", nothing, Group::member, now -> json(null, now.plus(1, ChronoUnit.HOURS)), 400,
                        null),
                refused("a body longer than 4,000", nothing, Group::member,
                        now -> json("x".repeat(4001), now.plus(1, ChronoUnit.HOURS)), 400, null),
                refused("a body past the request size limit", nothing, Group::member,
                        now -> json("x".repeat(70_000), now.plus(1, ChronoUnit.HOURS)), 413, null),
                refused("a replyToId of no message here", nothing, Group::member,
                        now -> "{\"body\":\"re\",\"sendAt\":\"" + now.plus(1, ChronoUnit.HOURS) + "\",\"replyToId\":\""
                                + UUID.randomUUID() + "\"}", 400, "replyToId must be a message of this conversation"),
                refused("not json", nothing, Group::member, now -> "not json", 400, null),
                refused("a muted member", g -> List.of(new MemberMuted(g.id(), g.member().id(), g.owner().id(),
                        "shh", null, Instant.now())), Group::member, valid, 403, "you are muted in this conversation"),
                refused("a plain member of a read-only channel", g -> List.of(update(g, true, false)), Group::member,
                        valid, 403, "only the owner and admins post in this channel"),
                refused("the owner of an archived conversation", g -> List.of(update(g, false, true)), Group::owner,
                        valid, 409, "this conversation is archived"),
                refused("a member who left", g -> List.of(new MemberLeft(g.id(), g.member().id(), "KICKED",
                        Instant.now())), Group::member, valid, 404, null));
    }

    private static ConversationUpdated update(Group g, boolean readOnly, boolean archived) {
        return new ConversationUpdated(g.id(), g.owner().id(), "t", null, null, null, ConversationCreated.PRIVATE,
                null, readOnly, archived, Instant.now());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void schedulingIsRefusedWithAProblemAndStoresNothing(String name, Function<Group, List<ChatEvent>> then,
                                                         Function<Group, User> who, Function<Instant, String> body,
                                                         int status, @Nullable String detail) {
        Group g = groupWithRoles();
        List<ChatEvent> events = then.apply(g);
        if (!events.isEmpty()) {
            applied(events.toArray(ChatEvent[]::new));
        }

        Http.Response r = http.post(path(g.id()), who.apply(g).token(), body.apply(Instant.now()));

        assertThat(r.status()).as(name + ": " + r).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception");
        if (detail != null) {
            assertThat(r.json().get("detail").asString()).as(name).isEqualTo(detail);
        }
        assertThat(jdbc.queryForObject("select count(*) from scheduled_messages where conversation_id = ?",
                Integer.class, g.id())).isZero();
    }

    @Test
    void aNonMemberCannotScheduleNorListAndConversationServiceIsAsked() {
        Group g = groupWithRoles();
        User outsider = user();

        Http.Response scheduled = schedule(g.id(), outsider, "hi", Instant.now().plusSeconds(3600));
        Http.Response listed = http.get(path(g.id()), outsider.token());

        assertThat(scheduled.status()).isEqualTo(404);
        assertThat(scheduled.contentType()).startsWith("application/problem+json");
        assertThat(listed.status()).isEqualTo(404);
        assertThat(CONVERSATIONS.hits()).isEqualTo(2);
    }

    @Test
    void aScheduledMessageIsShownToItsAuthorOnlySoonestFirst() {
        Group g = groupWithRoles();
        UUID other = conversationOf(g.member(), g.owner());
        Instant now = Instant.now();
        String later = schedule(g.id(), g.member(), "  in two hours  ", now.plus(2, ChronoUnit.HOURS)).json()
                .get("id").asString();
        Http.Response sooner = schedule(g.id(), g.member(), "in one hour", now.plus(1, ChronoUnit.HOURS));
        String elsewhere = schedule(other, g.member(), "elsewhere", now.plus(90, ChronoUnit.MINUTES)).json()
                .get("id").asString();
        schedule(g.id(), g.owner(), "the owner's", now.plus(1, ChronoUnit.HOURS));

        assertThat(sooner.status()).as(sooner.toString()).isEqualTo(201);
        JsonNode s = sooner.json();
        assertThat(UUID.fromString(s.get("id").asString()).version()).isEqualTo(7);
        assertThat(s.get("conversationId").asString()).isEqualTo(g.id().toString());
        assertThat(s.get("senderId").asString()).isEqualTo(g.member().id().toString());
        assertThat(s.get("body").asString()).isEqualTo("in one hour");
        assertThat(s.get("state").asString()).isEqualTo("PENDING");
        assertThat(Instant.parse(s.get("sendAt").asString()))
                .isEqualTo(now.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS));
        assertThat(s.get("messageId").isNull()).isTrue();
        assertThat(s.get("replyToId").isNull()).isTrue();

        JsonNode mine = http.get(path(g.id()), g.member().token()).json().get("items");
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0)).isEqualTo(s);
        assertThat(mine.get(1).get("id").asString()).isEqualTo(later);
        assertThat(mine.get(1).get("body").asString()).isEqualTo("in two hours");
        JsonNode all = http.get("/api/scheduled-messages", g.member().token()).json().get("items");
        assertThat(all).extracting(n -> n.get("id").asString())
                .containsExactly(s.get("id").asString(), elsewhere, later);
        assertThat(http.get(path(g.id()), g.admin().token()).json().get("items")).isEmpty();
        assertThat(lastChangeSeq(g.id())).as("scheduling takes no number").isZero();
    }

    @Test
    void aReplyCanBeScheduledToAMessageOfTheConversation() {
        Group g = groupWithRoles();
        String parent = send(g.id(), g.owner(), "c-1", "question").json().get("id").asString();

        Http.Response r = http.post(path(g.id()), g.member().token(), Map.of("body", "answer", "sendAt",
                Instant.now().plusSeconds(3600).toString(), "replyToId", parent));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("replyToId").asString()).isEqualTo(parent);
    }

    // ---- changing and cancelling: the author's, while pending ---------------------------------------------------

    @Test
    void onlyTheAuthorChangesOrCancelsAndOnlyValidly() {
        Group g = groupWithRoles();
        String id = schedule(g.id(), g.member(), "mine", Instant.now().plusSeconds(3600)).json().get("id").asString();
        Instant soon = Instant.now().plusSeconds(1800);

        for (Http.Response r : List.of(change(id, g.owner(), json("theirs", null)),
                MoreHttp.delete(port, "/api/scheduled-messages/" + id, g.owner().token()),
                change(UUID.randomUUID().toString(), g.member(), json("none", null)),
                MoreHttp.delete(port, "/api/scheduled-messages/" + UUID.randomUUID(), g.member().token()))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        for (String bad : List.of("{}", json("   ", null), json(null, Instant.now().minusSeconds(1)),
                json(null, Instant.now().plus(400, ChronoUnit.DAYS)), json("x".repeat(4001), null))) {
            Http.Response r = change(id, g.member(), bad);
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(http.get(path(g.id()), g.member().token()).json().get("items").get(0).get("body").asString())
                .isEqualTo("mine");

        Http.Response text = change(id, g.member(), json(" edited ", null));
        Http.Response time = change(id, g.member(), json(null, soon));

        assertThat(text.status()).as(text.toString()).isEqualTo(200);
        assertThat(text.json().get("body").asString()).isEqualTo("edited");
        assertThat(time.json().get("body").asString()).isEqualTo("edited");
        assertThat(Instant.parse(time.json().get("sendAt").asString()))
                .isEqualTo(soon.truncatedTo(ChronoUnit.MICROS));
        assertThat(Instant.parse(time.json().get("updatedAt").asString()))
                .isAfter(Instant.parse(time.json().get("createdAt").asString()));

        Http.Response cancelled = MoreHttp.delete(port, "/api/scheduled-messages/" + id, g.member().token());
        assertThat(cancelled.status()).isEqualTo(204);
        assertThat(http.get(path(g.id()), g.member().token()).json().get("items")).isEmpty();
        assertThat(MoreHttp.delete(port, "/api/scheduled-messages/" + id, g.member().token()).status())
                .as("cancelled is gone").isEqualTo(404);
    }

    @Test
    void aMemberMutedAfterSchedulingMayNotChangeItButMayCancelIt() {
        Group g = groupWithRoles();
        String id = schedule(g.id(), g.member(), "mine", Instant.now().plusSeconds(3600)).json().get("id").asString();
        applied(new MemberMuted(g.id(), g.member().id(), g.owner().id(), "shh", null, Instant.now()));

        Http.Response changed = change(id, g.member(), json("louder", null));
        Http.Response cancelled = MoreHttp.delete(port, "/api/scheduled-messages/" + id, g.member().token());

        assertThat(changed.status()).as(changed.toString()).isEqualTo(403);
        assertThat(cancelled.status()).isEqualTo(204);
    }

    // ---- delivery --------------------------------------------------------------------------------------------

    @Test
    void aDueMessageIsSentOnceAsARealMessageWithItsEvent() {
        Group g = groupWithRoles();
        send(g.id(), g.owner(), "c-1", "before");
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            double sentBefore = meters.counter("chat.messages.sent").count();
            JsonNode s = schedule(g.id(), g.member(), "on time", Instant.now().plusSeconds(3)).json();
            UUID id = UUID.fromString(s.get("id").asString());

            Map<String, Object> row = awaitSettled(id);
            assertThat(meters.counter("chat.messages.sent").count()).as("counted as sent (no other send meanwhile)")
                    .isGreaterThanOrEqualTo(sentBefore + 1);

            assertThat(row).containsEntry("state", "SENT").containsEntry("message_seq", 2L);
            UUID messageId = (UUID) row.get("message_id");
            JsonNode message = history(g.id(), g.admin(), "").json().get("items").get(1);
            assertThat(message.get("id").asString()).isEqualTo(messageId.toString());
            assertThat(message.get("seq").asLong()).isEqualTo(2);
            assertThat(message.get("senderId").asString()).isEqualTo(g.member().id().toString());
            assertThat(message.get("body").asString()).isEqualTo("on time");
            assertThat(message.get("clientMessageId").asString()).isEqualTo("scheduled:" + id);
            assertThat(Instant.parse(message.get("createdAt").asString()))
                    .isAfterOrEqualTo(Instant.parse(s.get("sendAt").asString()));
            assertThat(changes(g.id(), g.admin(), "after=1").json().toString()).contains(messageId.toString());

            // a fence after it: everything the conversation published before the fence is on the topic
            send(g.id(), g.owner(), "fence", "fence");
            List<EventEnvelope<ChatEvent>> events = tail.awaitKeyed(g.id().toString(), seen -> seen.stream()
                    .anyMatch(e -> e.payload() instanceof MessageCreated c && c.body().equals("fence")));
            List<MessageCreated> scheduled = events.stream().map(EventEnvelope::payload)
                    .filter(e -> e instanceof MessageCreated c && c.messageId().equals(messageId))
                    .map(MessageCreated.class::cast).toList();
            assertThat(scheduled).hasSize(1);
            assertThat(scheduled.getFirst().seq()).isEqualTo(2);
            assertThat(scheduled.getFirst().senderId()).isEqualTo(g.member().id());
            assertThat(scheduled.getFirst().body()).isEqualTo("on time");

            assertThat(http.get(path(g.id()), g.member().token()).json().get("items")).as("no longer pending")
                    .isEmpty();
            for (Http.Response r : List.of(change(id.toString(), g.member(), json("too late", null)),
                    MoreHttp.delete(port, "/api/scheduled-messages/" + id, g.member().token()))) {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void anEditAndACancelBeforeTheTimeAreWhatIsSent() {
        Group g = groupWithRoles();
        Instant at = Instant.now().plusSeconds(3);
        String kept = schedule(g.id(), g.member(), "draft", at).json().get("id").asString();
        String dropped = schedule(g.id(), g.member(), "never", at).json().get("id").asString();

        assertThat(change(kept, g.member(), json("final words", null)).status()).isEqualTo(200);
        assertThat(MoreHttp.delete(port, "/api/scheduled-messages/" + dropped, g.member().token()).status())
                .isEqualTo(204);

        assertThat(awaitSettled(UUID.fromString(kept))).containsEntry("state", "SENT");
        send(g.id(), g.owner(), "fence", "fence");
        JsonNode items = history(g.id(), g.owner(), "").json().get("items");
        assertThat(items).extracting(n -> n.get("body").asString()).containsExactly("final words", "fence");
    }

    @Test
    void aSenderWhoLeftBeforeTheTimeGetsAFailureAndNoMessage() {
        Group g = groupWithRoles();
        UUID id = UUID.fromString(schedule(g.id(), g.member(), "bye", Instant.now().plusSeconds(3)).json()
                .get("id").asString());
        applied(new MemberLeft(g.id(), g.member().id(), "KICKED", Instant.now()));

        Map<String, Object> row = awaitSettled(id);

        assertThat(row).containsEntry("state", "FAILED")
                .containsEntry("failure_reason", "the sender is not a member of the conversation");
        assertThat(row.get("message_id")).isNull();
        assertThat(lastChangeSeq(g.id())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox where event_key = ?", Integer.class,
                g.id().toString())).isZero();
    }

    @Test
    void aSenderMutedBeforeTheTimeGetsTheMuteAsTheReason() {
        Group g = groupWithRoles();
        UUID id = UUID.fromString(schedule(g.id(), g.member(), "loud", Instant.now().plusSeconds(3)).json()
                .get("id").asString());
        applied(new MemberMuted(g.id(), g.member().id(), g.owner().id(), "shh", null, Instant.now()));

        assertThat(awaitSettled(id)).containsEntry("state", "FAILED")
                .containsEntry("failure_reason", "you are muted in this conversation");
        assertThat(lastChangeSeq(g.id())).isZero();
    }

    @Test
    void settledOnesArePurgedAfterTheRetentionAndPendingOnesNever() {
        Group g = groupWithRoles();
        Instant soon = Instant.now().plusSeconds(3);
        UUID oldSent = UUID.fromString(schedule(g.id(), g.member(), "old", soon).json().get("id").asString());
        UUID recentSent = UUID.fromString(schedule(g.id(), g.member(), "recent", soon).json().get("id").asString());
        UUID pending = UUID.fromString(schedule(g.id(), g.member(), "later", Instant.now().plusSeconds(3600)).json()
                .get("id").asString());
        awaitSettled(oldSent);
        awaitSettled(recentSent);
        jdbc.update("update scheduled_messages set updated_at = now() - interval '31 days' where id in (?, ?)",
                oldSent, pending);

        retention.purge();

        assertThat(jdbc.queryForList("select id from scheduled_messages where conversation_id = ?", UUID.class,
                g.id())).containsExactlyInAnyOrder(recentSent, pending);
        assertThat(history(g.id(), g.owner(), "").json().get("items")).as("the messages stay").hasSize(2);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String path(UUID conversationId) {
        return "/api/conversations/" + conversationId + "/scheduled-messages";
    }

    private Http.Response schedule(UUID conversationId, User user, String body, Instant sendAt) {
        return http.post(path(conversationId), user.token(), Map.of("body", body, "sendAt", sendAt.toString()));
    }

    private Http.Response change(String id, User user, String json) {
        return MoreHttp.patch(port, "/api/scheduled-messages/" + id, user.token(), json);
    }

    /** Waits (generously) until the poller settled the row, and returns it. */
    private Map<String, Object> awaitSettled(UUID id) {
        await().atMost(WAIT).until(() -> !"PENDING".equals(jdbc.queryForObject(
                "select state from scheduled_messages where id = ?", String.class, id)));
        return jdbc.queryForMap("select state, message_id, message_seq, failure_reason from scheduled_messages"
                + " where id = ?", id);
    }
}
