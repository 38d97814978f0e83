package dev.chat.conversation.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.conversation.members.MemberIntegrationTest;
import dev.chat.events.ChatEvent;
import dev.chat.events.MemberJoined;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The invitation and invite-link endpoints as a client calls them, the members and bans endpoints the scenarios
 * need, and the database and Kafka reads their ITs share. Events are checked between two markers: a marker is a
 * fresh user the owner adds (one MemberJoined), so everything a test did between two markers is exactly the events
 * between theirs.
 */
abstract class InviteIntegrationTest extends MemberIntegrationTest {

    // --- conversations and members -------------------------------------------------------------------------------

    /** The caller leaving the conversation. */
    protected Http.Response leave(User caller, String conversationId) {
        return send("DELETE", "/api/conversations/" + conversationId + "/members/" + caller.id(), caller.token(), null);
    }

    // --- invitations ------------------------------------------------------------------------------------------------

    /** POST .../invitations; {@code expiresAt} null is left out of the body. */
    protected Http.Response invite(User caller, String conversationId, List<UUID> userIds, Instant expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("userIds", userIds);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return http.post("/api/conversations/" + conversationId + "/invitations", caller.token(), body);
    }

    /** Invites one user (200 expected) and returns the new invitation's id. */
    protected String invited(User caller, String conversationId, User invitee, Instant expiresAt) {
        Http.Response response = invite(caller, conversationId, List.of(invitee.id()), expiresAt);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("invitations")).hasSize(1);
        return response.json().get("invitations").get(0).get("id").asString();
    }

    protected Http.Response pendingInvitations(User caller, String conversationId) {
        return http.get("/api/conversations/" + conversationId + "/invitations", caller.token());
    }

    protected Http.Response revokeInvitation(User caller, String conversationId, String invitationId) {
        return send("DELETE", "/api/conversations/" + conversationId + "/invitations/" + invitationId, caller.token(),
                null);
    }

    protected Http.Response myInvitations(User caller) {
        return http.get("/api/invitations", caller.token());
    }

    protected Http.Response accept(User caller, String invitationId) {
        return send("POST", "/api/invitations/" + invitationId + "/accept", caller.token(), null);
    }

    protected Http.Response decline(User caller, String invitationId) {
        return send("POST", "/api/invitations/" + invitationId + "/decline", caller.token(), null);
    }

    /** The ids of the invitations a list answer holds, in its order. */
    protected static List<String> invitationIds(Http.Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().get("invitations").valueStream().map(i -> i.get("id").asString()).toList();
    }

    protected String invitationStatus(String invitationId) {
        return jdbc.queryForObject("select status from invitations where id = ?::uuid", String.class, invitationId);
    }

    // --- invite links -----------------------------------------------------------------------------------------------

    /** POST .../invite-links; null fields are left out of the body. */
    protected Http.Response createLink(User caller, String conversationId, Instant expiresAt, Integer maxUses) {
        Map<String, Object> body = new HashMap<>();
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        if (maxUses != null) {
            body.put("maxUses", maxUses);
        }
        return http.post("/api/conversations/" + conversationId + "/invite-links", caller.token(), body);
    }

    /** Creates a link (201 expected) and returns its code. */
    protected String link(User caller, String conversationId, Integer maxUses) {
        Http.Response created = createLink(caller, conversationId, null, maxUses);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("code").asString();
    }

    protected Http.Response links(User caller, String conversationId) {
        return http.get("/api/conversations/" + conversationId + "/invite-links", caller.token());
    }

    protected Http.Response revokeLink(User caller, String conversationId, String code) {
        return send("DELETE", "/api/conversations/" + conversationId + "/invite-links/" + code, caller.token(), null);
    }

    protected Http.Response preview(User caller, String code) {
        return http.get("/api/invite-links/" + code, caller.token());
    }

    protected Http.Response join(User caller, String code) {
        return send("POST", "/api/invite-links/" + code + "/join", caller.token(), null);
    }

    protected int uses(String code) {
        return jdbc.queryForObject("select uses from invite_links where code = ?", Integer.class, code);
    }

    // --- database, events, problems --------------------------------------------------------------------------------

    /** A fresh user the owner adds to the conversation: their MemberJoined marks a point in its event stream. */
    protected User marker(User owner, String conversationId) {
        User marker = projectedUser();
        Http.Response added = add(owner, conversationId, List.of(marker.id()));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        return marker;
    }

    /** The conversation's events published after {@code start}'s MemberJoined and before {@code end}'s. */
    protected static List<ChatEvent> eventsBetween(String conversationId, User start, User end) {
        List<ChatEvent> events = eventsUntil(conversationId, joined(end));
        int from = 0;
        while (!joined(start).test(events.get(from))) {
            from++;
        }
        return events.subList(from + 1, events.size() - 1);
    }

    protected static Predicate<ChatEvent> joined(User user) {
        return e -> e instanceof MemberJoined j && j.userId().equals(user.id());
    }

}
