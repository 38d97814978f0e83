package dev.chat.conversation.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.conversation.IntegrationTest;
import dev.chat.conversation.testing.Events;
import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.Topics;
import dev.chat.testsupport.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The invitation and invite-link endpoints as a client calls them, the members and bans endpoints the scenarios
 * need, and the database and Kafka reads their ITs share. Events are checked between two markers: a marker is a
 * fresh user the owner adds (one MemberJoined), so everything a test did between two markers is exactly the events
 * between theirs.
 */
abstract class InviteIntegrationTest extends IntegrationTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    // --- conversations and members -------------------------------------------------------------------------------

    /** A group titled "team" made through the API: {@code owner} creates it, then promotes {@code admins}. */
    protected String group(User owner, List<User> admins, List<User> members) {
        List<UUID> ids = Stream.concat(admins.stream(), members.stream()).map(User::id).toList();
        Http.Response created = http.post("/api/conversations", owner.token(),
                Map.of("type", "GROUP", "title", "team", "memberIds", ids));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        for (User admin : admins) {
            Http.Response promoted = send("PUT", "/api/conversations/" + id + "/members/" + admin.id() + "/role",
                    owner.token(), "{\"role\":\"ADMIN\"}");
            assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        }
        return id;
    }

    protected String direct(User a, User b) {
        return http.post("/api/conversations/direct", a.token(), Map.of("userId", b.id())).json().get("id").asString();
    }

    protected Http.Response add(User caller, String conversationId, List<UUID> userIds) {
        return http.post("/api/conversations/" + conversationId + "/members", caller.token(),
                Map.of("userIds", userIds));
    }

    /** The caller leaving the conversation. */
    protected Http.Response leave(User caller, String conversationId) {
        return send("DELETE", "/api/conversations/" + conversationId + "/members/" + caller.id(), caller.token(), null);
    }

    protected Http.Response ban(User caller, String conversationId, UUID userId) {
        return http.post("/api/conversations/" + conversationId + "/bans", caller.token(), Map.of("userId", userId));
    }

    protected Http.Response unban(User caller, String conversationId, UUID userId) {
        return send("DELETE", "/api/conversations/" + conversationId + "/bans/" + userId, caller.token(), null);
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

    /** userId -> role, straight from the database. */
    protected Map<UUID, String> roles(String conversationId) {
        Map<UUID, String> roles = new HashMap<>();
        jdbc.query("select user_id, role from members where conversation_id = ?::uuid",
                rs -> {
                    roles.put(rs.getObject(1, UUID.class), rs.getString(2));
                }, conversationId);
        return roles;
    }

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

    /**
     * The conversation's events from Kafka, in order, up to the first that matches {@code last}: make the last change
     * of a test a known one, and everything published before it is here, nothing more.
     */
    protected static List<ChatEvent> eventsUntil(String conversationId, Predicate<ChatEvent> last) {
        List<ChatEvent> events = Events.awaitKeyed(Topics.CONVERSATIONS, conversationId,
                seen -> seen.stream().anyMatch(e -> last.test(e.payload()))).stream().map(EventEnvelope::payload)
                .toList();
        int end = 0;
        while (!last.test(events.get(end))) {
            end++;
        }
        return events.subList(0, end + 1);
    }

    protected static Predicate<ChatEvent> joined(User user) {
        return e -> e instanceof MemberJoined j && j.userId().equals(user.id());
    }

    protected static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    protected static void assertProblem(Http.Response response, int status, String detail) {
        assertProblem(response, status);
        assertThat(response.json().get("detail").asString()).isEqualTo(detail);
    }

    /** Any method, raw JSON body (null for none): test-support's Http speaks GET and POST only. */
    protected Http.Response send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the calls at once (released together) and returns their responses in call order. */
    protected static List<Http.Response> all(List<Callable<Http.Response>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Callable<Http.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }
}
