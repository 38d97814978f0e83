package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.conversation.IntegrationTest;
import dev.chat.testsupport.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** The members endpoints as a client calls them, and the group fixtures and database reads their ITs share. */
public abstract class MemberIntegrationTest extends IntegrationTest {

    /** A group made through the API: {@code owner} creates it, then promotes {@code admins}. */
    protected String group(User owner, List<User> admins, List<User> members) {
        List<UUID> ids = Stream.concat(admins.stream(), members.stream()).map(User::id).toList();
        Http.Response created = http.post("/api/conversations", owner.token(),
                Map.of("type", "GROUP", "title", "team", "memberIds", ids));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        for (User admin : admins) {
            Http.Response promoted = setRole(owner, id, admin.id(), "ADMIN");
            assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        }
        return id;
    }

    protected String direct(User a, User b) {
        return http.post("/api/conversations/direct", a.token(), Map.of("userId", b.id())).json().get("id").asString();
    }

    protected Http.Response list(User caller, String conversationId, String query) {
        return http.get("/api/conversations/" + conversationId + "/members" + (query.isEmpty() ? "" : "?" + query),
                caller.token());
    }

    protected Http.Response add(User caller, String conversationId, List<UUID> userIds) {
        return http.post("/api/conversations/" + conversationId + "/members", caller.token(),
                Map.of("userIds", userIds));
    }

    protected Http.Response remove(User caller, String conversationId, UUID userId) {
        return send("DELETE", "/api/conversations/" + conversationId + "/members/" + userId, caller.token(), null);
    }

    protected Http.Response setRole(User caller, String conversationId, UUID userId, String role) {
        return send("PUT", "/api/conversations/" + conversationId + "/members/" + userId + "/role", caller.token(),
                Http.JSON.writeValueAsString(Map.of("role", role)));
    }

    protected Http.Response transfer(User caller, String conversationId, UUID userId) {
        return http.post("/api/conversations/" + conversationId + "/owner", caller.token(), Map.of("userId", userId));
    }

    /** POST .../bans or .../mutes ({@code kind}) with optional reason and expiry (null: left out of the body). */
    protected Http.Response restrict(User caller, String conversationId, String kind, UUID userId, String reason,
                                     java.time.Instant expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("userId", userId);
        if (reason != null) {
            body.put("reason", reason);
        }
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return http.post("/api/conversations/" + conversationId + "/" + kind, caller.token(), body);
    }

    protected Http.Response ban(User caller, String conversationId, UUID userId) {
        return restrict(caller, conversationId, "bans", userId, null, null);
    }

    protected Http.Response mute(User caller, String conversationId, UUID userId) {
        return restrict(caller, conversationId, "mutes", userId, null, null);
    }

    /** DELETE .../bans/{userId} or .../mutes/{userId}. */
    protected Http.Response lift(User caller, String conversationId, String kind, UUID userId) {
        return send("DELETE", "/api/conversations/" + conversationId + "/" + kind + "/" + userId, caller.token(), null);
    }

    /** GET .../bans, .../mutes or .../moderation-log with an optional query. */
    protected Http.Response read(User caller, String conversationId, String what, String query) {
        return http.get("/api/conversations/" + conversationId + "/" + what + (query.isEmpty() ? "" : "?" + query),
                caller.token());
    }

    /** The user ids of the active bans or mutes ({@code kind}) as the owner reads them. */
    protected List<String> listed(User owner, String conversationId, String kind) {
        Http.Response page = read(owner, conversationId, kind, "");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().get("items").valueStream().map(e -> e.get("userId").asString()).toList();
    }

}
