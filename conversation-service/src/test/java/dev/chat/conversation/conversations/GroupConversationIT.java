package dev.chat.conversation.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.conversation.IntegrationTest;
import dev.chat.conversation.testing.Events;
import dev.chat.testsupport.Http;
import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class GroupConversationIT extends IntegrationTest {

    @Test
    void creatingAGroupMakesTheCreatorOwnerAndPublishesItsEventsInOrder() {
        User owner = registeredUser();
        User bob = registeredUser();
        User carol = registeredUser();

        Http.Response response = http.post("/api/conversations", owner.token(), Map.of(
                "type", "GROUP", "title", "  Team  ", "memberIds", List.of(bob.id(), carol.id(), owner.id())));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode group = response.json();
        assertThat(group.get("type").asString()).isEqualTo("GROUP");
        assertThat(group.get("title").asString()).isEqualTo("Team");
        Map<String, String> roles = new java.util.HashMap<>();
        group.get("members").forEach(m -> roles.put(m.get("userId").asString(), m.get("role").asString()));
        assertThat(roles).containsOnly(Map.entry(owner.id().toString(), "OWNER"),
                Map.entry(bob.id().toString(), "MEMBER"), Map.entry(carol.id().toString(), "MEMBER"));
        assertThat(group.get("members").get(0).get("username").asString()).isEqualTo(owner.username());

        String id = group.get("id").asString();
        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.CONVERSATIONS, id, seen -> seen.size() >= 4);
        assertThat(events).hasSize(4);
        var created = (ConversationCreated) events.getFirst().payload();
        assertThat(created.memberIds()).containsExactly(owner.id(), bob.id(), carol.id());
        assertThat(created.title()).isEqualTo("Team");
        assertThat(events.subList(1, 4)).extracting(e -> (MemberJoined) e.payload())
                .extracting(MemberJoined::userId, MemberJoined::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(owner.id(), "OWNER"),
                        org.assertj.core.groups.Tuple.tuple(bob.id(), "MEMBER"),
                        org.assertj.core.groups.Tuple.tuple(carol.id(), "MEMBER"));
    }

    @Test
    void aGroupWithAnUnknownUserIsNotFoundAndWritesNothing() {
        User owner = registeredUser();
        User bob = registeredUser();

        Http.Response response = http.post("/api/conversations", owner.token(), Map.of(
                "type", "GROUP", "title", "x", "memberIds", List.of(bob.id(), UUID.randomUUID())));

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from conversations where created_by = ?", Integer.class,
                owner.id())).isZero();
    }

    @Test
    void aConversationIsVisibleToItsMembersOnly() {
        User owner = registeredUser();
        User bob = registeredUser();
        User outsider = registeredUser();
        String id = http.post("/api/conversations", owner.token(), Map.of(
                "type", "GROUP", "title", "private", "memberIds", List.of(bob.id()))).json().get("id").asString();

        assertThat(http.get("/api/conversations/" + id, bob.token()).status()).isEqualTo(200);
        Http.Response forOutsider = http.get("/api/conversations/" + id, outsider.token());
        Http.Response missing = http.get("/api/conversations/" + UUID.randomUUID(), outsider.token());

        assertThat(forOutsider.status()).isEqualTo(404);
        assertThat(forOutsider.contentType()).startsWith("application/problem+json");
        assertThat(missing.status()).isEqualTo(404);
        // Same answer as for a conversation that does not exist: membership is not revealed.
        assertThat(forOutsider.json().get("detail").asString().replaceAll("[0-9a-f-]{36}", "X"))
                .isEqualTo(missing.json().get("detail").asString().replaceAll("[0-9a-f-]{36}", "X"));
    }

    @Test
    void myConversationsComeNewestFirstPageByPage() {
        User me = registeredUser();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User other = registeredUser();
            created.add(http.post("/api/conversations/direct", me.token(), Map.of("userId", other.id()))
                    .json().get("id").asString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = http.get("/api/conversations?limit=2" + (cursor == null ? "" : "&before=" + cursor),
                    me.token());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(c -> seen.add(c.get("id").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(created.reversed());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void requestsWithoutATokenAreUnauthorizedProblems() {
        Http.Response list = http.get("/api/conversations", null);
        Http.Response create = http.post("/api/conversations/direct", null, Map.of("userId", UUID.randomUUID()));
        Http.Response garbage = http.get("/api/conversations", "not-a-jwt");

        for (Http.Response r : List.of(list, create, garbage)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(r.json().get("status").asInt()).isEqualTo(401);
        }
    }

    static Stream<Arguments> invalidRequests() {
        String someone = UUID.randomUUID().toString();
        return Stream.of(
                Arguments.of("/api/conversations/direct", "{}"),
                Arguments.of("/api/conversations/direct", "{\"userId\":\"not-a-uuid\"}"),
                Arguments.of("/api/conversations/direct", "not json"),
                Arguments.of("/api/conversations", "{\"type\":\"GROUP\",\"title\":\"   \",\"memberIds\":[\"" + someone + "\"]}"),
                Arguments.of("/api/conversations", "{\"type\":\"GROUP\",\"title\":\"" + "x".repeat(101) + "\",\"memberIds\":[\"" + someone + "\"]}"),
                Arguments.of("/api/conversations", "{\"type\":\"GROUP\",\"title\":\"t\",\"memberIds\":[]}"),
                Arguments.of("/api/conversations", "{\"type\":\"GROUP\",\"title\":\"t\"}"),
                Arguments.of("/api/conversations", "{\"type\":\"GROUP\",\"title\":\"t\",\"memberIds\":[null]}"),
                Arguments.of("/api/conversations", "{\"type\":\"DIRECT\",\"title\":\"t\",\"memberIds\":[\"" + someone + "\"]}"),
                Arguments.of("/api/conversations", "{\"title\":\"t\",\"memberIds\":[\"" + someone + "\"]}"),
                Arguments.of("/api/conversations", "{\"type\":\"GROUP\",\"title\":7,\"memberIds\":[\"" + someone + "\"]}"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void invalidRequestsAreBadRequestProblems(String path, String body) {
        User me = registeredUser();

        Http.Response response = http.post(path, me.token(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
    }

    @Test
    void aGroupOfOnlyTheCreatorIsRejected() {
        User me = registeredUser();

        Http.Response response = http.post("/api/conversations", me.token(),
                Map.of("type", "GROUP", "title", "me", "memberIds", List.of(me.id())));

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void badPagingParametersAreBadRequestProblems() {
        User me = registeredUser();

        for (String query : List.of("limit=0", "limit=101", "limit=x", "before=yesterday")) {
            Http.Response response = http.get("/api/conversations?" + query, me.token());
            assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }
}
