package dev.chat.conversation.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.conversation.IntegrationTest;
import dev.chat.conversation.testing.Events;
import dev.chat.testsupport.Http;
import dev.chat.events.ConversationCreated;
import dev.chat.events.MemberJoined;
import dev.chat.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DirectConversationIT extends IntegrationTest {

    @Test
    void openingADirectConversationTwiceReturnsTheSameOneFromEitherSide() {
        User alice = registeredUser();
        User bob = registeredUser();

        Http.Response first = http.post("/api/conversations/direct", alice.token(), Map.of("userId", bob.id()));
        Http.Response again = http.post("/api/conversations/direct", alice.token(), Map.of("userId", bob.id()));
        Http.Response fromBob = http.post("/api/conversations/direct", bob.token(), Map.of("userId", alice.id()));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.headers().firstValue("Location")).hasValue("/api/conversations/" + first.json().get("id").asString());
        JsonNode dm = first.json();
        assertThat(dm.get("type").asString()).isEqualTo("DIRECT");
        assertThat(dm.get("title").isNull()).isTrue();
        assertThat(dm.get("createdBy").asString()).isEqualTo(alice.id().toString());
        assertThat(memberIds(dm)).containsExactlyInAnyOrder(alice.id().toString(), bob.id().toString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(fromBob.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(dm);
        assertThat(fromBob.json()).isEqualTo(dm);
    }

    @Test
    void concurrentRequestsForOnePairCreateExactlyOneConversation() throws Exception {
        User alice = registeredUser();
        User bob = registeredUser();

        List<Http.Response> responses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                User from = i % 2 == 0 ? alice : bob;
                User to = i % 2 == 0 ? bob : alice;
                calls.add(pool.submit(() -> http.post("/api/conversations/direct", from.token(),
                        Map.of("userId", to.id()))));
            }
            for (Future<Http.Response> call : calls) {
                responses.add(call.get());
            }
        }

        assertThat(responses).extracting(Http.Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        Set<String> ids = responses.stream().map(r -> r.json().get("id").asString()).collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        String key = ConversationService.directKey(alice.id(), bob.id());
        assertThat(jdbc.queryForObject("select count(*) from conversations where direct_key = ?", Integer.class, key))
                .isEqualTo(1);
        String id = ids.iterator().next();
        var events = Events.awaitKeyed(Topics.CONVERSATIONS, id, seen -> seen.size() >= 3);
        assertThat(events.getFirst().payload()).isInstanceOf(ConversationCreated.class);
        assertThat(events.subList(1, 3)).allSatisfy(e -> assertThat(e.payload()).isInstanceOf(MemberJoined.class));
    }

    @Test
    void aDirectConversationWithYourselfIsRejected() {
        User alice = registeredUser();

        Http.Response response = http.post("/api/conversations/direct", alice.token(), Map.of("userId", alice.id()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDirectConversationWithAUserNobodyKnowsIsNotFound() {
        User alice = registeredUser();
        User ghost = unknownUser();

        Http.Response response = http.post("/api/conversations/direct", alice.token(), Map.of("userId", ghost.id()));

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("select count(*) from conversations where direct_key = ?", Integer.class,
                ConversationService.directKey(alice.id(), ghost.id()))).isZero();
    }

    private static List<String> memberIds(JsonNode conversation) {
        List<String> ids = new ArrayList<>();
        conversation.get("members").forEach(m -> ids.add(m.get("userId").asString()));
        return ids;
    }
}
