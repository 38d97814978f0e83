package dev.chat.message.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MessageCreated;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class SendMessageIT extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aSentMessageIsStoredWithSeqOneAndPublishedKeyedByItsConversation() {
        User alice = user();
        User bob = user();
        UUID conversation = conversationOf(alice, bob);

        Http.Response response = send(conversation, alice, "c-1", "  hello bob  ");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode message = response.json();
        assertThat(message.get("seq").asLong()).isEqualTo(1);
        assertThat(message.get("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(message.get("senderId").asString()).isEqualTo(alice.id().toString());
        assertThat(message.get("clientMessageId").asString()).isEqualTo("c-1");
        assertThat(message.get("body").asString()).isEqualTo("hello bob");
        assertThat(message.get("replyToId").isNull()).isTrue();
        UUID id = UUID.fromString(message.get("id").asString());
        assertThat(id.version()).isEqualTo(7);
        assertThat(jdbc.queryForMap("select seq, body, sender_id from messages where id = ?", id))
                .containsEntry("seq", 1L).containsEntry("body", "hello bob").containsEntry("sender_id", alice.id());

        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.MESSAGES, conversation.toString(),
                seen -> !seen.isEmpty());
        var created = (MessageCreated) events.getFirst().payload();
        assertThat(created.messageId()).isEqualTo(id);
        assertThat(created.seq()).isEqualTo(1);
        assertThat(created.senderId()).isEqualTo(alice.id());
        assertThat(created.body()).isEqualTo("hello bob");
        assertThat(created.createdAt().toString()).isEqualTo(message.get("createdAt").asString());
        assertThat(history(conversation, bob, "").json().get("items").get(0)).isEqualTo(message);
    }

    @Test
    void sendingTwiceWithTheSameClientMessageIdReturnsTheSameMessageAndPublishesOnce() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());

        Http.Response first = send(conversation, alice, "retry-me", "once");
        Http.Response retry = send(conversation, alice, "retry-me", "once");
        Http.Response next = send(conversation, alice, "next", "twice");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(next.json().get("seq").asLong()).as("a retry takes no seq").isEqualTo(2);
        // The record for "next" comes after any record the retry could have produced (same key, same partition).
        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.MESSAGES, conversation.toString(),
                seen -> seen.stream().anyMatch(e -> ((MessageCreated) e.payload()).seq() == 2));
        assertThat(events).extracting(e -> ((MessageCreated) e.payload()).clientMessageId())
                .containsExactly("retry-me", "next");
    }

    @Test
    void aStoredMessageIsCountedOnceAndItsRetryNotAtAll() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());
        double before = meters.get("chat.messages.sent").counter().count();

        send(conversation, alice, "counted", "once");
        send(conversation, alice, "counted", "once");

        assertThat(meters.get("chat.messages.sent").counter().count()).isEqualTo(before + 1);
    }

    /** The relay sends in rounds of its own: each round is a trace, carried to the consumers in W3C headers. */
    @Test
    void aSentMessagesRecordCarriesTheTraceContextOfTheRelayRound() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());

        send(conversation, alice, "traced", "hello");

        var records = Events.awaitKeyedRecords(Topics.MESSAGES, conversation.toString(), seen -> !seen.isEmpty());
        var traceparent = records.getFirst().headers().lastHeader("traceparent");
        assertThat(traceparent).isNotNull();
        assertThat(new String(traceparent.value())).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void theSameClientMessageIdFromAnotherSenderIsAnotherMessage() {
        User alice = user();
        User bob = user();
        UUID conversation = conversationOf(alice, bob);

        Http.Response fromAlice = send(conversation, alice, "same", "hi");
        Http.Response fromBob = send(conversation, bob, "same", "hi");

        assertThat(fromAlice.status()).isEqualTo(201);
        assertThat(fromBob.status()).isEqualTo(201);
        assertThat(fromBob.json().get("seq").asLong()).isEqualTo(2);
    }

    @Test
    void reusingAClientMessageIdForAnotherBodyIsAConflict() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());
        send(conversation, alice, "c-1", "original");

        Http.Response response = send(conversation, alice, "c-1", "changed");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("select count(*) from messages where conversation_id = ?", Integer.class,
                conversation)).isEqualTo(1);
    }

    @Test
    void concurrentSendsToOneConversationGetGaplessSeqsPublishedInSeqOrder() throws Exception {
        User alice = user();
        User bob = user();
        UUID conversation = conversationOf(alice, bob);
        int count = 50;

        List<Http.Response> responses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                User sender = i % 2 == 0 ? alice : bob;
                String clientId = "m-" + i;
                calls.add(pool.submit(() -> send(conversation, sender, clientId, "message " + clientId)));
            }
            for (Future<Http.Response> call : calls) {
                responses.add(call.get());
            }
        }

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        Map<Long, String> idBySeq = new HashMap<>();
        responses.forEach(r -> idBySeq.put(r.json().get("seq").asLong(), r.json().get("id").asString()));
        assertThat(idBySeq.keySet()).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, count).boxed().toList());
        assertThat(jdbc.queryForObject("select last_seq from conversation_seq where conversation_id = ?", Long.class,
                conversation)).isEqualTo(count);

        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.MESSAGES, conversation.toString(),
                seen -> seen.size() >= count);
        assertThat(events).hasSize(count);
        List<Long> seqs = events.stream().map(e -> ((MessageCreated) e.payload()).seq()).toList();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        assertThat(events).allSatisfy(e -> {
            var m = (MessageCreated) e.payload();
            assertThat(m.messageId().toString()).isEqualTo(idBySeq.get(m.seq()));
        });
    }

    @Test
    void aReplyMustNameAMessageOfTheSameConversation() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());
        UUID elsewhere = conversationOf(alice, user());
        String original = send(conversation, alice, "o", "question?").json().get("id").asString();
        String foreign = send(elsewhere, alice, "f", "elsewhere").json().get("id").asString();
        String path = "/api/conversations/" + conversation + "/messages";

        Http.Response reply = http.post(path, alice.token(),
                Map.of("clientMessageId", "r1", "body", "answer", "replyToId", original));
        Http.Response toForeign = http.post(path, alice.token(),
                Map.of("clientMessageId", "r2", "body", "answer", "replyToId", foreign));
        Http.Response toNothing = http.post(path, alice.token(),
                Map.of("clientMessageId", "r3", "body", "answer", "replyToId", UUID.randomUUID()));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("replyToId").asString()).isEqualTo(original);
        assertThat(toForeign.status()).isEqualTo(400);
        assertThat(toNothing.status()).isEqualTo(400);
        assertThat(toNothing.contentType()).startsWith("application/problem+json");
        assertThat(send(conversation, alice, "after", "x").json().get("seq").asLong())
                .as("rejected replies took no seq").isEqualTo(3);
    }

    @Test
    void aBodyOfExactlyTheLimitIsAcceptedAfterTrimming() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());

        Http.Response response = send(conversation, alice, "long", "  " + "x".repeat(4000) + "\n");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("body").asString()).hasSize(4000);
    }

    static Stream<Arguments> invalidSends() {
        return Stream.of(
                Arguments.of("{\"clientMessageId\":\"a\",\"body\":\"   \"}"),
                Arguments.of("{\"clientMessageId\":\"a\",\"body\":\"" + "x".repeat(4001) + "\"}"),
                Arguments.of("{\"clientMessageId\":\"a\"}"),
                Arguments.of("{\"body\":\"hi\"}"),
                Arguments.of("{\"clientMessageId\":\"\",\"body\":\"hi\"}"),
                Arguments.of("{\"clientMessageId\":\"" + "a".repeat(65) + "\",\"body\":\"hi\"}"),
                Arguments.of("{\"clientMessageId\":\"has space\",\"body\":\"hi\"}"),
                Arguments.of("{\"clientMessageId\":\"caf\u00e9\",\"body\":\"hi\"}"),
                Arguments.of("{\"clientMessageId\":\"a\",\"body\":\"hi\",\"replyToId\":\"nope\"}"),
                Arguments.of("{\"clientMessageId\":\"a\",\"body\":42}"),
                Arguments.of("not json"),
                Arguments.of(""));
    }

    @ParameterizedTest
    @MethodSource("invalidSends")
    void invalidSendsAreBadRequestProblemsAndWriteNothing(String body) {
        User alice = user();
        UUID conversation = conversationOf(alice, user());

        Http.Response response = http.post("/api/conversations/" + conversation + "/messages", alice.token(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
        assertThat(jdbc.queryForObject("select count(*) from messages where conversation_id = ?", Integer.class,
                conversation)).isZero();
    }

    @Test
    void aConversationIdThatIsNotAUuidIsABadRequest() {
        Http.Response response = http.post("/api/conversations/nope/messages", user().token(),
                Map.of("clientMessageId", "a", "body", "hi"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anOversizedRequestIsRefusedWith413() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());

        Http.Response response = send(conversation, alice, "big", "x".repeat(70_000));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorizedProblems() {
        UUID conversation = UUID.randomUUID();
        String path = "/api/conversations/" + conversation + "/messages";

        for (Http.Response r : List.of(http.post(path, null, Map.of("clientMessageId", "a", "body", "hi")),
                http.get(path, null), http.get(path, "garbage"))) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }
}
