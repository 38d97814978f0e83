package dev.chat.conversation.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the conversation-scoped invitation and invite-link endpoints refuse: members (403, CREATE_INVITE), outsiders
 * (404, as for a conversation that does not exist), direct conversations (409) and bad input (400), and that a
 * refusal changes nothing.
 */
class InviteRefusalsIT extends InviteIntegrationTest {

    enum Endpoint { INVITE, LIST_INVITATIONS, REVOKE_INVITATION, CREATE_LINK, LIST_LINKS, REVOKE_LINK }

    /** An owner-made invitation and link in the conversation, for the revoke endpoints to aim at. */
    private record Targets(String invitationId, String code) {
    }

    private Http.Response call(Endpoint endpoint, User caller, String conversationId, Targets targets, User invitee) {
        return switch (endpoint) {
            case INVITE -> invite(caller, conversationId, List.of(invitee.id()), null);
            case LIST_INVITATIONS -> pendingInvitations(caller, conversationId);
            case REVOKE_INVITATION -> revokeInvitation(caller, conversationId, targets.invitationId());
            case CREATE_LINK -> createLink(caller, conversationId, null, null);
            case LIST_LINKS -> links(caller, conversationId);
            case REVOKE_LINK -> revokeLink(caller, conversationId, targets.code());
        };
    }

    static Stream<Arguments> roles() {
        return Stream.of(Endpoint.values()).flatMap(endpoint -> Stream.of(
                Arguments.of("OWNER", endpoint, success(endpoint)),
                Arguments.of("ADMIN", endpoint, success(endpoint)),
                Arguments.of("MEMBER", endpoint, 403)));
    }

    private static int success(Endpoint endpoint) {
        return switch (endpoint) {
            case INVITE, LIST_INVITATIONS, LIST_LINKS -> 200;
            case CREATE_LINK -> 201;
            case REVOKE_INVITATION, REVOKE_LINK -> 204;
        };
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("roles")
    void onlyTheOwnerAndAdminsManageInvitationsAndLinks(String role, Endpoint endpoint, int status) {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User admin = users.get(1);
        User member = users.get(2);
        String id = group(owner, List.of(admin), List.of(member));
        Targets targets = new Targets(invited(owner, id, projectedUser(), null), link(owner, id, null));
        User actor = switch (role) {
            case "OWNER" -> owner;
            case "ADMIN" -> admin;
            default -> member;
        };

        Http.Response response = call(endpoint, actor, id, targets, users.get(3));

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        if (status == 403) {
            assertProblem(response, 403, "members cannot create invites (allowed: the owner, admins)");
            assertThat(invitationStatus(targets.invitationId())).isEqualTo("PENDING");
            assertThat(links(owner, id).json().get("links")).singleElement()
                    .satisfies(l -> assertThat(l.get("revoked").asBoolean()).isFalse());
            assertThat(invitationIds(myInvitations(users.get(3)))).isEmpty();
        }
    }

    @Test
    void anOutsiderGetsNotFoundFromEveryEndpointWhetherOrNotTheConversationExists() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User outsider = users.get(2);
        String id = group(owner, List.of(), List.of(users.get(1)));
        Targets targets = new Targets(invited(owner, id, users.get(3), null), link(owner, id, 3));
        String missing = UUID.randomUUID().toString();

        for (String conversation : List.of(id, missing)) {
            for (Endpoint endpoint : Endpoint.values()) {
                assertProblem(call(endpoint, outsider, conversation, targets, users.get(1)), 404,
                        "conversation " + conversation + " not found");
            }
        }
        assertThat(invitationStatus(targets.invitationId())).isEqualTo("PENDING");
        assertThat(invitationIds(pendingInvitations(owner, id))).hasSize(1);
        assertThat(links(owner, id).json().get("links")).hasSize(1);
    }

    @Test
    void aDirectConversationHasNoInvitationsOrLinks() {
        List<User> users = projectedUsers(3);
        User alice = users.get(0);
        String id = direct(alice, users.get(1));
        Targets targets = new Targets(UUID.randomUUID().toString(), "AAAAAAAAAAAA");

        for (Endpoint endpoint : Endpoint.values()) {
            assertProblem(call(endpoint, alice, id, targets, users.get(2)), 409,
                    "direct conversations always have exactly their two members");
        }
        assertThat(jdbc.queryForObject("select count(*) from invitations where conversation_id = ?::uuid",
                Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from invite_links where conversation_id = ?::uuid",
                Integer.class, id)).isZero();
    }

    static Stream<Arguments> badRequests() {
        String u = UUID.randomUUID().toString();
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .reduce((a, b) -> a + "," + b).orElseThrow();
        String past = Instant.now().minusSeconds(60).toString();
        return Stream.of(
                // method, path under /api/conversations/{id}, body
                Arguments.of("POST", "/invitations", "{\"userIds\":[]}"),
                Arguments.of("POST", "/invitations", "{\"userIds\":[" + tooMany + "]}"),
                Arguments.of("POST", "/invitations", "{\"userIds\":[\"" + u + "\",\"" + u + "\"]}"),
                Arguments.of("POST", "/invitations", "{\"userIds\":[\"not-a-uuid\"]}"),
                Arguments.of("POST", "/invitations", "{\"userIds\":[null]}"),
                Arguments.of("POST", "/invitations", "{\"userIds\":\"" + u + "\"}"),
                Arguments.of("POST", "/invitations", "{}"),
                Arguments.of("POST", "/invitations", "{\"userIds\":[\"" + u + "\"],\"expiresAt\":\"" + past + "\"}"),
                Arguments.of("POST", "/invitations", "{\"userIds\":[\"" + u + "\"],\"expiresAt\":\"tomorrow\"}"),
                Arguments.of("POST", "/invitations", "not json"),
                Arguments.of("DELETE", "/invitations/not-a-uuid", null),
                Arguments.of("POST", "/invite-links", "{\"maxUses\":0}"),
                Arguments.of("POST", "/invite-links", "{\"maxUses\":-1}"),
                Arguments.of("POST", "/invite-links", "{\"maxUses\":100001}"),
                Arguments.of("POST", "/invite-links", "{\"maxUses\":\"many\"}"),
                Arguments.of("POST", "/invite-links", "{\"expiresAt\":\"" + past + "\"}"),
                Arguments.of("POST", "/invite-links", "{\"expiresAt\":42.5e99}"),
                Arguments.of("POST", "/invite-links", "not json"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badRequests")
    void badInputIsABadRequestProblemAndCreatesNothing(String method, String path, String body) {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        String id = group(owner, List.of(), List.of(users.get(1)));

        Http.Response response = send(method, "/api/conversations/" + id + path, owner.token(), body);

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
        assertThat(jdbc.queryForObject("select count(*) from invitations where conversation_id = ?::uuid",
                Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from invite_links where conversation_id = ?::uuid",
                Integer.class, id)).isZero();
    }

    @Test
    void aMalformedIdIsABadRequestProblemOnEveryEndpoint() {
        User owner = projectedUser();
        String body = "{\"userIds\":[\"" + UUID.randomUUID() + "\"]}";

        for (Http.Response response : List.of(
                send("POST", "/api/conversations/not-a-uuid/invitations", owner.token(), body),
                send("GET", "/api/conversations/not-a-uuid/invitations", owner.token(), null),
                send("DELETE", "/api/conversations/not-a-uuid/invitations/" + UUID.randomUUID(), owner.token(), null),
                send("POST", "/api/conversations/not-a-uuid/invite-links", owner.token(), "{}"),
                send("GET", "/api/conversations/not-a-uuid/invite-links", owner.token(), null),
                send("DELETE", "/api/conversations/not-a-uuid/invite-links/AAAAAAAAAAAA", owner.token(), null),
                accept(owner, "not-a-uuid"),
                decline(owner, "not-a-uuid"))) {
            assertProblem(response, 400);
        }
    }

    @Test
    void everyEndpointWantsAToken() {
        String id = UUID.randomUUID().toString();
        for (Http.Response response : List.of(
                send("POST", "/api/conversations/" + id + "/invitations", null, "{\"userIds\":[\"" + id + "\"]}"),
                send("GET", "/api/conversations/" + id + "/invitations", null, null),
                send("GET", "/api/invitations", null, null),
                send("POST", "/api/invitations/" + id + "/accept", null, null),
                send("POST", "/api/invitations/" + id + "/decline", null, null),
                send("POST", "/api/conversations/" + id + "/invite-links", null, "{}"),
                send("GET", "/api/invite-links/AAAAAAAAAAAA", null, null),
                send("POST", "/api/invite-links/AAAAAAAAAAAA/join", null, null))) {
            assertProblem(response, 401);
        }
    }
}
