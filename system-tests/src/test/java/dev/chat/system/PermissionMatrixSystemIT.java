package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix (docs/permissions.md) through the gateway, as clients meet it: every actor (owner, admin,
 * member, muted member, banned user, outsider) x every action of a channel, each case on a channel of its own so
 * one case's effect (a kick, a transfer) cannot change another's answer. Aimed actions are also tried on a higher
 * role (an admin acting on the owner and on another admin). Outsiders and banned users learn nothing (404); members
 * without the right get 403 with a detail that names the rule; posting is enforced by message-service from its
 * projection (a muted member is refused, a kicked or banned one is not a member).
 */
class PermissionMatrixSystemIT {

    enum Actor { OWNER, ADMIN, MEMBER, MUTED, BANNED, OUTSIDER }

    /** Who is what in one case's channel; target: a plain member, peerAdmin: a second admin. */
    record Cast(String channelId, Map<Actor, Api.User> actors, Api.User target, Api.User peerAdmin) {
    }

    /** What the actor tries on the cast's channel: the HTTP call. */
    interface Attempt {
        Api.Response run(Api api, Cast cast, Api.User actor);
    }

    record Case(Actor actor, String action, Attempt attempt, int expected) {
        @Override
        public String toString() {
            return actor + " " + action + " -> " + expected;
        }
    }

    static Stack stack;
    static Api api;
    /** The same people in every case's channel (registering is the slow part); target and peer admin last. */
    static Map<Actor, Api.User> people;
    static Api.User target;
    static Api.User peerAdmin;

    @BeforeAll
    static void stack() {
        stack = Stack.shared();
        api = new Api(stack.gatewayUrl());
        Map<Actor, Api.User> byActor = new java.util.EnumMap<>(Actor.class);
        for (Actor actor : Actor.values()) {
            byActor.put(actor, api.newUser(actor.name().toLowerCase()));
        }
        people = Map.copyOf(byActor);
        target = api.newUser("target");
        peerAdmin = api.newUser("peer");
    }

    static Api.Response patch(Api api, String path, String token, Object body) {
        return api.call(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))), token);
    }

    static Api.Response put(Api api, String path, String token, Object body) {
        return api.call(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))), token);
    }

    static Api.Response delete(Api api, String path, String token) {
        return api.call(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path)).DELETE(), token);
    }

    static String c(Cast cast) {
        return "/api/conversations/" + cast.channelId();
    }

    /** Each action, with the statuses of the actors allowed it (others: 403 for members, 404 for outsiders). */
    record Action(String name, Attempt attempt, int allowed, List<Actor> allowedActors) {
    }

    static List<Action> actions() {
        List<Actor> moderators = List.of(Actor.OWNER, Actor.ADMIN);
        List<Actor> owner = List.of(Actor.OWNER);
        return List.of(
                new Action("edit the details", (api, cast, a) -> patch(api, c(cast), a.token(),
                        Map.of("topic", "topic by " + a.username())), 200, moderators),
                new Action("add a member", (api, cast, a) -> api.post(c(cast) + "/members", a.token(),
                        Map.of("userIds", List.of(api.newUser("matrix").id()))), 200, moderators),
                new Action("kick a member", (api, cast, a) -> delete(api, c(cast) + "/members/" + cast.target().id(),
                        a.token()), 204, moderators),
                new Action("ban a member", (api, cast, a) -> api.post(c(cast) + "/bans", a.token(),
                        Map.of("userId", cast.target().id(), "reason", "matrix")), 200, moderators),
                new Action("mute a member", (api, cast, a) -> api.post(c(cast) + "/mutes", a.token(),
                        Map.of("userId", cast.target().id())), 200, moderators),
                new Action("promote a member", (api, cast, a) -> put(api, c(cast) + "/members/" + cast.target().id()
                        + "/role", a.token(), Map.of("role", "ADMIN")), 200, owner),
                new Action("demote an admin", (api, cast, a) -> put(api, c(cast) + "/members/" + cast.peerAdmin().id()
                        + "/role", a.token(), Map.of("role", "MEMBER")), 200, owner),
                new Action("transfer ownership", (api, cast, a) -> api.post(c(cast) + "/owner", a.token(),
                        Map.of("userId", cast.target().id())), 200, owner),
                new Action("delete the conversation", (api, cast, a) -> delete(api, c(cast), a.token()), 204, owner),
                new Action("create an invite link", (api, cast, a) -> api.post(c(cast) + "/invite-links", a.token(),
                        Map.of()), 201, moderators),
                new Action("invite a user", (api, cast, a) -> api.post(c(cast) + "/invitations", a.token(),
                        Map.of("userIds", List.of(api.newUser("matrix").id()))), 200, moderators),
                new Action("read the moderation log", (api, cast, a) -> api.get(c(cast) + "/moderation-log",
                        a.token()), 200, moderators),
                new Action("read the members", (api, cast, a) -> api.get(c(cast) + "/members", a.token()), 200,
                        List.of(Actor.OWNER, Actor.ADMIN, Actor.MEMBER, Actor.MUTED)),
                new Action("post a message", (api, cast, a) -> api.sendRaw(a, cast.channelId(),
                        UUID.randomUUID().toString(), "hello from " + a.username()), 201,
                        List.of(Actor.OWNER, Actor.ADMIN, Actor.MEMBER)),
                new Action("read the history", (api, cast, a) -> api.get(c(cast) + "/messages?limit=10", a.token()),
                        200, List.of(Actor.OWNER, Actor.ADMIN, Actor.MEMBER, Actor.MUTED)));
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Action action : actions()) {
            for (Actor actor : Actor.values()) {
                int expected = action.allowedActors().contains(actor) ? action.allowed()
                        : actor == Actor.BANNED || actor == Actor.OUTSIDER ? 404 : 403;
                cases.add(new Case(actor, action.name(), action.attempt(), expected));
            }
        }
        // Aimed at a higher role: admins cannot act on the owner or on other admins.
        Attempt kickOwner = (api, cast, a) -> delete(api, c(cast) + "/members/" + cast.actors().get(Actor.OWNER).id(),
                a.token());
        Attempt banPeerAdmin = (api, cast, a) -> api.post(c(cast) + "/bans", a.token(),
                Map.of("userId", cast.peerAdmin().id()));
        Attempt mutePeerAdmin = (api, cast, a) -> api.post(c(cast) + "/mutes", a.token(),
                Map.of("userId", cast.peerAdmin().id()));
        Attempt kickPeerAdmin = (api, cast, a) -> delete(api, c(cast) + "/members/" + cast.peerAdmin().id(),
                a.token());
        cases.add(new Case(Actor.ADMIN, "kick the owner", kickOwner, 403));
        cases.add(new Case(Actor.ADMIN, "kick another admin", kickPeerAdmin, 403));
        cases.add(new Case(Actor.ADMIN, "ban another admin", banPeerAdmin, 403));
        cases.add(new Case(Actor.ADMIN, "mute another admin", mutePeerAdmin, 403));
        cases.add(new Case(Actor.OWNER, "kick another admin", kickPeerAdmin, 204));
        cases.add(new Case(Actor.MEMBER, "kick the owner", kickOwner, 403));
        return cases.stream();
    }

    /** A fresh public channel with one user in each role, a muted member, a banned former member and an outsider. */
    static Cast cast() {
        Api.User owner = people.get(Actor.OWNER);
        Api.User admin = people.get(Actor.ADMIN);
        Api.User member = people.get(Actor.MEMBER);
        Api.User muted = people.get(Actor.MUTED);
        Api.User banned = people.get(Actor.BANNED);
        Api.Response created = api.post("/api/conversations/channels", owner.token(), Map.of(
                "name", "matrix " + UUID.randomUUID().toString().substring(0, 8),
                "memberIds", List.of(admin.id(), member.id(), muted.id(), banned.id(), target.id(), peerAdmin.id())));
        assertThat(created.status()).as("create channel: %s", created.body()).isEqualTo(201);
        String id = created.body().path("id").asString();
        String path = "/api/conversations/" + id;
        for (Api.User u : List.of(admin, peerAdmin)) {
            assertThat(put(api, path + "/members/" + u.id() + "/role", owner.token(), Map.of("role", "ADMIN")).status())
                    .isEqualTo(200);
        }
        assertThat(api.post(path + "/mutes", owner.token(), Map.of("userId", muted.id())).status()).isEqualTo(200);
        assertThat(api.post(path + "/bans", owner.token(), Map.of("userId", banned.id())).status()).isEqualTo(200);
        Cast cast = new Cast(id, people, target, peerAdmin);
        // message-service learns roles, the mute and the ban from chat.conversations.v1: wait until it has (the
        // muted member's post is refused, the banned user's history is not found) before the case runs.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.sendRaw(muted, id, UUID.randomUUID().toString(), "probe").status() == 403
                        && api.get(path + "/messages?limit=1", banned.token()).status() == 404
                        && api.sendRaw(admin, id, UUID.randomUUID().toString(), "probe").status() == 201);
        return cast;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyRoleMeetsExactlyTheMatrix(Case c) {
        Cast cast = cast();

        Api.Response r = c.attempt().run(api, cast, cast.actors().get(c.actor()));

        assertThat(r.status()).as("%s: %s", c, r.body()).isEqualTo(c.expected());
        if (c.expected() >= 400) {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().path("detail").asString()).isNotBlank();
        }
    }
}
