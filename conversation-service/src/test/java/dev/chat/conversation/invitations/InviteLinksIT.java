package dev.chat.conversation.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.MemberJoined;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Invite links: create, list, revoke, preview and join, with exact use counts and exactly their events. */
class InviteLinksIT extends InviteIntegrationTest {

    @Test
    void theOwnerAndAdminsCreateListAndRevokeLinks() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User admin = users.get(1);
        String id = group(owner, List.of(admin), List.of(users.get(2)));
        Instant expires = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);

        Http.Response created = createLink(admin, id, expires, 10);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode link = created.json();
        String code = link.get("code").asString();
        assertThat(code).matches("[0-9A-Za-z]{12}");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/invite-links/" + code);
        assertThat(link.propertyNames()).containsExactly("code", "conversationId", "createdBy", "createdAt",
                "expiresAt", "maxUses", "uses", "revoked");
        assertThat(link.get("conversationId").asString()).isEqualTo(id);
        assertThat(link.get("createdBy").asString()).isEqualTo(admin.id().toString());
        assertThat(Instant.parse(link.get("expiresAt").asString())).isEqualTo(expires);
        assertThat(link.get("maxUses").asInt()).isEqualTo(10);
        assertThat(link.get("uses").asInt()).isZero();
        assertThat(link.get("revoked").asBoolean()).isFalse();

        Http.Response unlimited = send("POST", "/api/conversations/" + id + "/invite-links", owner.token(), null);
        assertThat(unlimited.status()).as(unlimited.toString()).isEqualTo(201);
        assertThat(unlimited.json().get("expiresAt").isNull()).isTrue();
        assertThat(unlimited.json().get("maxUses").isNull()).isTrue();
        String second = unlimited.json().get("code").asString();

        Http.Response listed = links(owner, id);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().propertyNames()).containsExactly("links");
        assertThat(listed.json().get("links").valueStream().map(l -> l.get("code").asString()))
                .containsExactly(second, code);
        assertThat(listed.json().get("links").get(1)).isEqualTo(link);

        assertThat(revokeLink(owner, id, code).status()).isEqualTo(204);
        assertThat(revokeLink(admin, id, code).status()).isEqualTo(204);
        JsonNode revoked = links(admin, id).json().get("links").get(1);
        assertThat(revoked.get("code").asString()).isEqualTo(code);
        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        assertThat(links(admin, id).json().get("links").get(0).get("revoked").asBoolean()).isFalse();
    }

    @Test
    void revokingACodeTheConversationDoesNotHaveIsNotFound() {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        String id = group(owner, List.of(), List.of(users.get(1)));
        String other = group(owner, List.of(), List.of(users.get(1)));
        String theirs = link(owner, other, null);

        for (String code : List.of(theirs, "AAAAAAAAAAAA", "short", "not!a!code!!")) {
            assertProblem(revokeLink(owner, id, code), 404, "invite link not found");
        }
        assertThat(links(owner, other).json().get("links").get(0).get("revoked").asBoolean()).isFalse();
    }

    @Test
    void anyoneHoldingACodeSeesAPreviewAndJoinsSpendingOneUse() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User member = users.get(1);
        User stranger = users.get(2);
        String id = group(owner, List.of(), List.of(member));
        User start = marker(owner, id);
        Instant expires = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        String code = createLink(owner, id, expires, 3).json().get("code").asString();

        Http.Response preview = preview(stranger, code);

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().propertyNames()).containsExactly("code", "conversationId", "title", "type",
                "memberCount", "expiresAt", "alreadyMember");
        assertThat(preview.json().get("code").asString()).isEqualTo(code);
        assertThat(preview.json().get("conversationId").asString()).isEqualTo(id);
        assertThat(preview.json().get("title").asString()).isEqualTo("team");
        assertThat(preview.json().get("type").asString()).isEqualTo("GROUP");
        assertThat(preview.json().get("memberCount").asInt()).isEqualTo(3);
        assertThat(Instant.parse(preview.json().get("expiresAt").asString())).isEqualTo(expires);
        assertThat(preview.json().get("alreadyMember").asBoolean()).isFalse();
        assertThat(preview(member, code).json().get("alreadyMember").asBoolean()).isTrue();

        Http.Response joined = join(stranger, code);

        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().propertyNames()).containsExactly("conversationId", "joined");
        assertThat(joined.json().get("conversationId").asString()).isEqualTo(id);
        assertThat(joined.json().get("joined").asBoolean()).isTrue();
        assertThat(roles(id)).containsEntry(stranger.id(), "MEMBER");
        assertThat(uses(code)).isEqualTo(1);
        assertThat(links(owner, id).json().get("links").get(0).get("uses").asInt()).isEqualTo(1);
        assertThat(preview(stranger, code).json().get("memberCount").asInt()).isEqualTo(4);
        assertThat(preview(stranger, code).json().get("alreadyMember").asBoolean()).isTrue();
        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).singleElement().isInstanceOfSatisfying(MemberJoined.class, e -> {
            assertThat(e.userId()).isEqualTo(stranger.id());
            assertThat(e.role()).isEqualTo("MEMBER");
        });
    }

    @Test
    void aMemberUsingALinkJoinsNothingAndSpendsNoUse() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User member = users.get(1);
        String id = group(owner, List.of(), List.of(member));
        String code = link(owner, id, 1);
        User start = marker(owner, id);

        Http.Response again = join(member, code);
        Http.Response ownerToo = join(owner, code);

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("conversationId").asString()).isEqualTo(id);
        assertThat(again.json().get("joined").asBoolean()).isFalse();
        assertThat(ownerToo.json().get("joined").asBoolean()).isFalse();
        assertThat(roles(id)).containsEntry(owner.id(), "OWNER");
        assertThat(uses(code)).isZero();
        assertThat(join(users.get(2), code).json().get("joined").asBoolean()).isTrue(); // its one use is still there
        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).singleElement().satisfies(e -> assertThat(joined(users.get(2))).accepts(e));
    }

    enum Unusable { EXPIRED, REVOKED, USED_UP }

    @ParameterizedTest
    @EnumSource(Unusable.class)
    void anUnusableLinkIsNotFoundToPreviewAndAConflictToJoin(Unusable state) {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User stranger = users.get(2);
        String id = group(owner, List.of(), List.of(users.get(1)));
        String code = link(owner, id, 1);
        switch (state) {
            case EXPIRED -> jdbc.update("update invite_links set expires_at = now() - interval '1 second' where code = ?",
                    code);
            case REVOKED -> assertThat(revokeLink(owner, id, code).status()).isEqualTo(204);
            case USED_UP -> assertThat(join(users.get(3), code).json().get("joined").asBoolean()).isTrue();
        }
        int uses = uses(code);
        User start = marker(owner, id);

        assertProblem(preview(stranger, code), 404, "invite link not found");
        assertProblem(join(stranger, code), 409, "this invite link is no longer valid");

        assertThat(uses(code)).isEqualTo(uses);
        assertThat(roles(id)).doesNotContainKey(stranger.id());
        assertThat(eventsBetween(id, start, marker(owner, id))).isEmpty();
    }

    @Test
    void anUnknownCodeIsNotFoundToPreviewAndToJoin() {
        User user = projectedUser();
        for (String code : List.of("AAAAAAAAAAAA", "short", "waytoolongforacode", "12345678901%21")) {
            assertProblem(preview(user, code), 404, "invite link not found");
            assertProblem(join(user, code), 404, "invite link not found");
        }
    }

    @Test
    void aBannedUserIsForbiddenToJoinAndSpendsNoUse() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User troll = users.get(2);
        String id = group(owner, List.of(), List.of(users.get(1)));
        String code = link(owner, id, 5);
        assertThat(ban(owner, id, troll.id()).status()).isEqualTo(200);
        User start = marker(owner, id);

        assertProblem(join(troll, code), 403, "you are banned from this conversation");

        assertThat(uses(code)).isZero();
        assertThat(roles(id)).doesNotContainKey(troll.id());
        assertThat(eventsBetween(id, start, marker(owner, id))).isEmpty();
    }

    @Test
    void twentyUsersRacingForAFiveUseLinkJoinExactlyFive() throws Exception {
        List<User> users = projectedUsers(22);
        User owner = users.get(0);
        List<User> racers = users.subList(2, 22);
        String id = group(owner, List.of(), List.of(users.get(1)));
        String code = link(owner, id, 5);
        User start = marker(owner, id);
        List<Callable<Http.Response>> joins = new ArrayList<>();
        for (User racer : racers) {
            joins.add(() -> join(racer, code));
        }

        List<Http.Response> responses = all(joins);

        List<UUID> winners = new ArrayList<>();
        for (int i = 0; i < racers.size(); i++) {
            Http.Response response = responses.get(i);
            if (response.status() == 200) {
                assertThat(response.json().get("joined").asBoolean()).isTrue();
                winners.add(racers.get(i).id());
            } else {
                assertProblem(response, 409, "this invite link is no longer valid");
            }
        }
        assertThat(winners).hasSize(5);
        assertThat(uses(code)).isEqualTo(5);
        assertThat(roles(id)).hasSize(3 + 5).containsKeys(winners.toArray(UUID[]::new));
        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).hasSize(5).allSatisfy(e -> assertThat(e).isInstanceOf(MemberJoined.class))
                .extracting(e -> ((MemberJoined) e).userId()).containsExactlyInAnyOrderElementsOf(winners);
    }
}
