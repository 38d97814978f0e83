package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.testsupport.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the members endpoints refuse: outsiders (404), any change to a DM (409), bad input (400). */
class MemberRefusalsIT extends MemberIntegrationTest {

    /** Every members endpoint, called by {@code caller} on conversation {@code id} about user {@code target}. */
    private List<Map.Entry<String, Http.Response>> everyEndpoint(User caller, String id, UUID target) {
        return List.of(
                Map.entry("list", list(caller, id, "")),
                Map.entry("add", add(caller, id, List.of(target))),
                Map.entry("remove", remove(caller, id, target)),
                Map.entry("leave", remove(caller, id, caller.id())),
                Map.entry("promote", setRole(caller, id, target, "ADMIN")),
                Map.entry("demote", setRole(caller, id, target, "MEMBER")),
                Map.entry("transfer", transfer(caller, id, target)));
    }

    @Test
    void anOutsiderGetsNotFoundFromEveryEndpointWhateverIdsTheySend() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User member = users.get(1);
        User outsider = users.get(2);
        String id = group(owner, List.of(), List.of(member));
        Map<UUID, String> before = roles(id);
        String missing = UUID.randomUUID().toString();

        for (String conversation : List.of(id, missing)) {
            for (UUID target : List.of(owner.id(), member.id(), outsider.id(), UUID.randomUUID())) {
                for (var call : everyEndpoint(outsider, conversation, target)) {
                    Http.Response response = call.getValue();
                    assertProblem(response, 404);
                    assertThat(response.json().get("detail").asString()).as(call.getKey())
                            .isEqualTo("conversation " + conversation + " not found");
                }
            }
        }
        assertThat(roles(id)).isEqualTo(before);
    }

    @Test
    void aDirectConversationRefusesEveryMembershipChange() {
        List<User> users = projectedUsers(3);
        User alice = users.get(0);
        User bob = users.get(1);
        String id = direct(alice, bob);

        for (UUID target : List.of(bob.id(), users.get(2).id())) {
            for (var call : everyEndpoint(alice, id, target)) {
                if (call.getKey().equals("list")) {
                    assertThat(call.getValue().status()).isEqualTo(200);
                    assertThat(call.getValue().json().get("items")).hasSize(2);
                    continue;
                }
                assertProblem(call.getValue(), 409);
                assertThat(call.getValue().json().get("detail").asString()).as(call.getKey())
                        .isEqualTo("direct conversations always have exactly their two members");
            }
        }
        assertThat(roles(id)).isEqualTo(Map.of(alice.id(), "MEMBER", bob.id(), "MEMBER"));
    }

    static Stream<Arguments> badRequests() {
        String u = UUID.randomUUID().toString();
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .reduce((a, b) -> a + "," + b).orElseThrow();
        return Stream.of(
                // method, path under /api/conversations/{id} ("~" is a real member's id), body
                Arguments.of("PUT", "/members/~/role", "{\"role\":\"KING\"}"),
                Arguments.of("PUT", "/members/~/role", "{\"role\":\"admin\"}"),
                Arguments.of("PUT", "/members/~/role", "{\"role\":\"OWNER\"}"),
                Arguments.of("PUT", "/members/~/role", "{\"role\":1}"),
                Arguments.of("PUT", "/members/~/role", "{\"role\":null}"),
                Arguments.of("PUT", "/members/~/role", "{}"),
                Arguments.of("PUT", "/members/~/role", "not json"),
                Arguments.of("PUT", "/members/not-a-uuid/role", "{\"role\":\"ADMIN\"}"),
                Arguments.of("POST", "/members", "{\"userIds\":[]}"),
                Arguments.of("POST", "/members", "{\"userIds\":[" + tooMany + "]}"),
                Arguments.of("POST", "/members", "{\"userIds\":[\"not-a-uuid\"]}"),
                Arguments.of("POST", "/members", "{\"userIds\":[null]}"),
                Arguments.of("POST", "/members", "{\"userIds\":[\"" + u + "\",\"" + u + "\"]}"),
                Arguments.of("POST", "/members", "{\"userIds\":\"" + u + "\"}"),
                Arguments.of("POST", "/members", "{}"),
                Arguments.of("DELETE", "/members/not-a-uuid", null),
                Arguments.of("POST", "/owner", "{}"),
                Arguments.of("POST", "/owner", "{\"userId\":\"not-a-uuid\"}"),
                Arguments.of("GET", "/members?after=garbage", null),
                Arguments.of("GET", "/members?after=" + java.util.Base64.getUrlEncoder().encodeToString(
                        "yesterday_x".getBytes()), null),
                Arguments.of("GET", "/members?limit=0", null),
                Arguments.of("GET", "/members?limit=201", null),
                Arguments.of("GET", "/members?limit=x", null));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badRequests")
    void badInputIsABadRequestProblem(String method, String path, String body) {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        String id = group(owner, List.of(), List.of(users.get(1)));
        Map<UUID, String> before = roles(id);

        Http.Response response = send(method, "/api/conversations/" + id + path.replace("~", users.get(1).id().toString()),
                owner.token(), body);

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
        assertThat(roles(id)).isEqualTo(before);
    }

    @Test
    void aMalformedConversationIdIsABadRequestProblemOnEveryEndpoint() {
        User owner = projectedUser();
        String someone = UUID.randomUUID().toString();
        BiFunction<String, String, Http.Response> call = (method, path) -> send(method,
                "/api/conversations/not-a-uuid" + path, owner.token(),
                method.equals("GET") || method.equals("DELETE") ? null
                        : "{\"userIds\":[\"" + someone + "\"],\"userId\":\"" + someone + "\",\"role\":\"ADMIN\"}");

        for (Http.Response response : List.of(call.apply("GET", "/members"), call.apply("POST", "/members"),
                call.apply("DELETE", "/members/" + someone), call.apply("PUT", "/members/" + someone + "/role"),
                call.apply("POST", "/owner"))) {
            assertProblem(response, 400);
        }
    }
}
