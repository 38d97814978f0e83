package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The moderation log and the admin-only reads, and what the moderation endpoints refuse. */
class ModerationLogIT extends MemberIntegrationTest {

    @Test
    void theLogListsEveryModerationActionNewestFirstThroughItsCursor() {
        List<User> users = projectedUsers(5);
        User owner = users.get(0);
        User a = users.get(1);
        User b = users.get(2);
        User c = users.get(3);
        User d = users.get(4);
        String id = group(owner, List.of(), List.of(a, b, c));

        setRole(owner, id, a.id(), "ADMIN");
        setRole(owner, id, a.id(), "ADMIN"); // no change: not logged
        setRole(owner, id, a.id(), "MEMBER");
        remove(owner, id, b.id());
        restrict(owner, id, "bans", d.id(), "pre-emptive", null);
        lift(owner, id, "bans", d.id());
        restrict(owner, id, "mutes", c.id(), "flood", null);
        lift(owner, id, "mutes", c.id());
        transfer(owner, id, a.id());
        List<List<Object>> expected = List.of( // newest first: actor, action, target
                List.of(owner.id(), "TRANSFER_OWNERSHIP", a.id()),
                List.of(owner.id(), "UNMUTE", c.id()),
                List.of(owner.id(), "MUTE", c.id()),
                List.of(owner.id(), "UNBAN", d.id()),
                List.of(owner.id(), "BAN", d.id()),
                List.of(owner.id(), "KICK", b.id()),
                List.of(owner.id(), "DEMOTE", a.id()),
                List.of(owner.id(), "PROMOTE", a.id()));

        List<List<Object>> seen = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = read(a, id, "moderation-log", "limit=3" + (cursor == null ? "" : "&before=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(e -> {
                entries.add(e);
                seen.add(List.of(UUID.fromString(e.get("actorId").asString()), e.get("action").asString(),
                        UUID.fromString(e.get("targetUserId").asString())));
            });
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);

        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);
        assertThat(entries.get(2).propertyNames())
                .containsExactly("actorId", "action", "targetUserId", "reason", "expiresAt", "at");
        assertThat(entries.get(2).get("reason").asString()).isEqualTo("flood");
        assertThat(entries.stream().map(e -> Instant.parse(e.get("at").asString())))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void onlyTheOwnerAndAdminsReadTheLogBansAndMutesAndOutsidersSeeNothing() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User admin = users.get(1);
        User member = users.get(2);
        User outsider = users.get(3);
        String id = group(owner, List.of(admin), List.of(member));

        for (String what : List.of("moderation-log", "bans", "mutes")) {
            assertThat(read(owner, id, what, "").status()).as(what).isEqualTo(200);
            assertThat(read(admin, id, what, "").status()).as(what).isEqualTo(200);
            assertProblem(read(member, id, what, ""), 403);
            assertProblem(read(outsider, id, what, ""), 404);
            assertProblem(read(owner, UUID.randomUUID().toString(), what, ""), 404);
        }
        for (Http.Response change : List.of(ban(outsider, id, member.id()), mute(outsider, id, member.id()),
                lift(outsider, id, "bans", member.id()), lift(outsider, id, "mutes", member.id()))) {
            assertProblem(change, 404);
        }
    }

    @Test
    void aDirectConversationHasNoModeration() {
        List<User> users = projectedUsers(2);
        String id = direct(users.get(0), users.get(1));
        UUID other = users.get(1).id();

        for (Http.Response response : List.of(ban(users.get(0), id, other), mute(users.get(0), id, other),
                lift(users.get(0), id, "bans", other), lift(users.get(0), id, "mutes", other),
                read(users.get(0), id, "bans", ""), read(users.get(0), id, "mutes", ""),
                read(users.get(0), id, "moderation-log", ""))) {
            assertProblem(response, 409);
        }
        assertThat(roles(id)).hasSize(2);
    }

    static Stream<Arguments> badRequests() {
        String past = Instant.now().minusSeconds(60).toString();
        String longReason = "x".repeat(501);
        return Stream.of(
                // method, path under /api/conversations/{id} ("~" is a member's id), body
                Arguments.of("POST", "/bans", "{\"userId\":\"~\",\"reason\":\"" + longReason + "\"}"),
                Arguments.of("POST", "/bans", "{\"userId\":\"~\",\"expiresAt\":\"" + past + "\"}"),
                Arguments.of("POST", "/bans", "{\"userId\":\"~\",\"expiresAt\":\"tomorrow\"}"),
                Arguments.of("POST", "/bans", "{\"userId\":\"~\",\"expiresAt\":12}"),
                Arguments.of("POST", "/bans", "{\"userId\":\"not-a-uuid\"}"),
                Arguments.of("POST", "/bans", "{}"),
                Arguments.of("POST", "/bans", "not json"),
                Arguments.of("POST", "/mutes", "{\"userId\":\"~\",\"reason\":\"" + longReason + "\"}"),
                Arguments.of("POST", "/mutes", "{\"userId\":\"~\",\"expiresAt\":\"" + past + "\"}"),
                Arguments.of("POST", "/mutes", "{\"userId\":\"~\",\"expiresAt\":\"2026-13-01T00:00:00Z\"}"),
                Arguments.of("POST", "/mutes", "{\"userId\":\"not-a-uuid\"}"),
                Arguments.of("DELETE", "/bans/not-a-uuid", null),
                Arguments.of("DELETE", "/mutes/not-a-uuid", null),
                Arguments.of("GET", "/bans?after=garbage", null),
                Arguments.of("GET", "/mutes?limit=0", null),
                Arguments.of("GET", "/moderation-log?before=garbage", null),
                Arguments.of("GET", "/moderation-log?limit=201", null));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badRequests")
    void badInputIsABadRequestProblem(String method, String path, String body) {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        String id = group(owner, List.of(), List.of(users.get(1)));
        String member = users.get(1).id().toString();

        Http.Response response = send(method, "/api/conversations/" + id + path,
                owner.token(), body == null ? null : body.replace("~", member));

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
        assertThat(roles(id)).hasSize(2);
        assertThat(listed(owner, id, "bans")).isEmpty();
        assertThat(listed(owner, id, "mutes")).isEmpty();
    }
}
