package dev.chat.conversation.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.InvitationClosed;
import dev.chat.events.MemberInvited;
import dev.chat.events.MemberJoined;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Directed invitations: invite, list, accept, decline, revoke, with their rows and exactly their events. */
class InvitationsIT extends InviteIntegrationTest {

    @Test
    void invitingCreatesInvitationsTheInviteeAndTheAdminsSeeAndPublishesOneMemberInvitedEach() {
        List<User> users = projectedUsers(6);
        User owner = users.get(0);
        User admin = users.get(1);
        User alice = users.get(2);
        User bob = users.get(3);
        User carol = users.get(4);
        String id = group(owner, List.of(admin), List.of(users.get(5)));
        Instant expires = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        User start = marker(owner, id);

        Http.Response response = invite(admin, id, List.of(alice.id(), bob.id()), expires);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("invitations");
        JsonNode first = response.json().get("invitations").get(0);
        assertThat(first.propertyNames()).containsExactly("id", "conversationId", "conversationTitle",
                "conversationType", "userId", "invitedBy", "invitedByName", "createdAt", "expiresAt");
        assertThat(first.get("conversationId").asString()).isEqualTo(id);
        assertThat(first.get("conversationTitle").asString()).isEqualTo("team");
        assertThat(first.get("conversationType").asString()).isEqualTo("GROUP");
        assertThat(first.get("userId").asString()).isEqualTo(alice.id().toString());
        assertThat(first.get("invitedBy").asString()).isEqualTo(admin.id().toString());
        assertThat(first.get("invitedByName").asString()).isEqualTo("Name " + admin.username());
        assertThat(Instant.parse(first.get("expiresAt").asString())).isEqualTo(expires);
        assertThat(response.json().get("invitations").get(1).get("userId").asString()).isEqualTo(bob.id().toString());
        String aliceInvitation = first.get("id").asString();
        String bobInvitation = response.json().get("invitations").get(1).get("id").asString();

        Http.Response mine = myInvitations(alice);
        assertThat(mine.json().get("invitations")).hasSize(1);
        assertThat(mine.json().get("invitations").get(0)).isEqualTo(first);
        String carolInvitation = invited(owner, id, carol, null);
        assertThat(invitationIds(pendingInvitations(owner, id))).first().isEqualTo(carolInvitation);
        assertThat(invitationIds(pendingInvitations(admin, id)))
                .containsExactlyInAnyOrder(carolInvitation, aliceInvitation, bobInvitation);
        assertThat(myInvitations(carol).json().get("invitations").get(0).get("expiresAt").isNull()).isTrue();
        assertThat(roles(id)).doesNotContainKeys(alice.id(), bob.id(), carol.id());

        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(MemberInvited.class));
        assertThat(events.getFirst()).isInstanceOfSatisfying(MemberInvited.class, e -> {
            assertThat(e.invitationId()).hasToString(aliceInvitation);
            assertThat(e.userId()).isEqualTo(alice.id());
            assertThat(e.invitedBy()).isEqualTo(admin.id());
            assertThat(e.expiresAt()).isEqualTo(expires);
            assertThat(e.invitedAt()).isEqualTo(Instant.parse(first.get("createdAt").asString()));
        });
        assertThat(events.getLast()).isInstanceOfSatisfying(MemberInvited.class, e -> {
            assertThat(e.userId()).isEqualTo(carol.id());
            assertThat(e.expiresAt()).isNull();
        });
    }

    @Test
    void acceptingMakesTheInviteeAMemberAndPublishesOnlyMemberJoined() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User alice = users.get(1);
        String id = group(owner, List.of(), List.of(users.get(2)));
        String invitation = invited(owner, id, alice, null);
        User start = marker(owner, id);

        Http.Response accepted = accept(alice, invitation);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().propertyNames()).containsExactly("conversationId", "joined");
        assertThat(accepted.json().get("conversationId").asString()).isEqualTo(id);
        assertThat(accepted.json().get("joined").asBoolean()).isTrue();
        assertThat(roles(id)).containsEntry(alice.id(), "MEMBER");
        assertThat(invitationStatus(invitation)).isEqualTo("ACCEPTED");
        assertThat(invitationIds(myInvitations(alice))).isEmpty();
        assertThat(invitationIds(pendingInvitations(owner, id))).isEmpty();
        assertProblem(accept(alice, invitation), 409, "this invitation has already been accepted");
        assertProblem(decline(alice, invitation), 409, "this invitation has already been accepted");

        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).singleElement().isInstanceOfSatisfying(MemberJoined.class, e -> {
            assertThat(e.userId()).isEqualTo(alice.id());
            assertThat(e.role()).isEqualTo("MEMBER");
        });
    }

    @Test
    void joiningAnotherWaySettlesThePendingInvitationSoItCannotUndoALaterKick() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User alice = users.get(1);
        String id = group(owner, List.of(), List.of(users.get(2)));
        String invitation = invited(owner, id, alice, null);
        assertThat(add(owner, id, List.of(alice.id())).status()).isEqualTo(200);

        assertThat(invitationStatus(invitation)).isEqualTo("ACCEPTED");
        assertThat(invitationIds(myInvitations(alice))).isEmpty();
        assertThat(send("DELETE", "/api/conversations/" + id + "/members/" + alice.id(), owner.token(), null).status())
                .isEqualTo(204);
        User start = marker(owner, id);

        Http.Response accepted = accept(alice, invitation);

        assertProblem(accepted, 409);
        assertThat(accepted.json().get("detail").asString()).isEqualTo("this invitation has already been accepted");
        assertThat(roles(id)).doesNotContainKey(alice.id());
        assertThat(eventsBetween(id, start, marker(owner, id))).isEmpty();
    }

    @Test
    void decliningClosesTheInvitationWithOneInvitationClosed() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User alice = users.get(1);
        String id = group(owner, List.of(), List.of(users.get(2)));
        String invitation = invited(owner, id, alice, null);
        User start = marker(owner, id);

        Http.Response declined = decline(alice, invitation);

        assertThat(declined.status()).as(declined.toString()).isEqualTo(204);
        assertThat(invitationStatus(invitation)).isEqualTo("DECLINED");
        assertThat(invitationIds(myInvitations(alice))).isEmpty();
        assertThat(invitationIds(pendingInvitations(owner, id))).isEmpty();
        assertProblem(decline(alice, invitation), 409, "this invitation has already been declined");
        assertProblem(accept(alice, invitation), 409, "this invitation has already been declined");
        assertThat(roles(id)).doesNotContainKey(alice.id());

        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).singleElement().isInstanceOfSatisfying(InvitationClosed.class, e -> {
            assertThat(e.invitationId()).hasToString(invitation);
            assertThat(e.userId()).isEqualTo(alice.id());
            assertThat(e.outcome()).isEqualTo(InvitationClosed.DECLINED);
            assertThat(e.closedBy()).isEqualTo(alice.id());
        });
    }

    @Test
    void revokingClosesTheInvitationSoTheInviteeCanNoLongerAcceptIt() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User admin = users.get(1);
        User alice = users.get(2);
        String id = group(owner, List.of(admin), List.of(users.get(3)));
        String other = group(owner, List.of(), List.of(users.get(3)));
        String invitation = invited(owner, id, alice, null);
        User start = marker(owner, id);

        assertProblem(revokeInvitation(owner, other, invitation), 404, "invitation " + invitation + " not found");
        Http.Response revoked = revokeInvitation(admin, id, invitation);

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(invitationStatus(invitation)).isEqualTo("REVOKED");
        assertProblem(revokeInvitation(owner, id, invitation), 404, "invitation " + invitation + " not found");
        assertProblem(revokeInvitation(owner, id, UUID.randomUUID().toString()), 404);
        assertThat(invitationIds(pendingInvitations(owner, id))).isEmpty();
        assertThat(invitationIds(myInvitations(alice))).isEmpty();
        assertProblem(accept(alice, invitation), 409, "this invitation has been revoked");
        assertThat(roles(id)).doesNotContainKey(alice.id());

        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).singleElement().isInstanceOfSatisfying(InvitationClosed.class, e -> {
            assertThat(e.invitationId()).hasToString(invitation);
            assertThat(e.userId()).isEqualTo(alice.id());
            assertThat(e.outcome()).isEqualTo(InvitationClosed.REVOKED);
            assertThat(e.closedBy()).isEqualTo(admin.id());
        });
    }

    @Test
    void anExpiredInvitationCannotBeAnsweredAndInvitingAgainReplacesIt() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User alice = users.get(1);
        String id = group(owner, List.of(), List.of(users.get(2)));
        String lapsed = invited(owner, id, alice, Instant.now().plus(1, ChronoUnit.HOURS));
        jdbc.update("update invitations set expires_at = now() - interval '1 second' where id = ?::uuid", lapsed);
        User start = marker(owner, id);

        assertProblem(accept(alice, lapsed), 409, "this invitation has expired");
        assertProblem(decline(alice, lapsed), 409, "this invitation has expired");
        assertProblem(revokeInvitation(owner, id, lapsed), 404);
        assertThat(invitationIds(myInvitations(alice))).isEmpty();
        assertThat(invitationIds(pendingInvitations(owner, id))).isEmpty();
        assertThat(roles(id)).doesNotContainKey(alice.id());
        assertThat(invitationStatus(lapsed)).isEqualTo("PENDING");

        String fresh = invited(owner, id, alice, null);

        assertThat(fresh).isNotEqualTo(lapsed);
        assertThat(jdbc.queryForObject("select count(*) from invitations where user_id = ?", Integer.class,
                alice.id())).isEqualTo(1);
        assertThat(accept(alice, fresh).json().get("joined").asBoolean()).isTrue();
        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(MemberInvited.class,
                e -> assertThat(e.invitationId()).hasToString(fresh));
        assertThat(events.get(1)).isInstanceOfSatisfying(MemberJoined.class,
                e -> assertThat(e.userId()).isEqualTo(alice.id()));
    }

    @Test
    void onlyTheInviteeMayAnswerAnInvitationAnybodyElseGetsNotFound() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User member = users.get(1);
        User alice = users.get(2);
        User stranger = users.get(3);
        String id = group(owner, List.of(), List.of(member));
        String invitation = invited(owner, id, alice, null);
        User start = marker(owner, id);

        for (User other : List.of(owner, member, stranger)) {
            assertProblem(accept(other, invitation), 404, "invitation " + invitation + " not found");
            assertProblem(decline(other, invitation), 404, "invitation " + invitation + " not found");
            assertThat(invitationIds(myInvitations(other))).isEmpty();
        }
        String unknown = UUID.randomUUID().toString();
        assertProblem(accept(alice, unknown), 404, "invitation " + unknown + " not found");
        assertProblem(decline(alice, unknown), 404, "invitation " + unknown + " not found");

        assertThat(invitationStatus(invitation)).isEqualTo("PENDING");
        assertThat(roles(id)).doesNotContainKeys(alice.id(), stranger.id());
        assertThat(eventsBetween(id, start, marker(owner, id))).isEmpty();
    }

    @Test
    void membersAndUsersWithAnOpenInvitationAreSkipped() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User member = users.get(1);
        User alice = users.get(2);
        User bob = users.get(3);
        String id = group(owner, List.of(), List.of(member));
        String aliceInvitation = invited(owner, id, alice, null);
        User start = marker(owner, id);

        Http.Response again = invite(owner, id, List.of(member.id(), alice.id(), bob.id(), owner.id()), null);
        Http.Response nobody = invite(owner, id, List.of(member.id(), alice.id()), null);

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("invitations")).singleElement()
                .satisfies(i -> assertThat(i.get("userId").asString()).isEqualTo(bob.id().toString()));
        assertThat(nobody.status()).as(nobody.toString()).isEqualTo(200);
        assertThat(nobody.json().get("invitations")).isEmpty();
        assertThat(invitationIds(myInvitations(alice))).containsExactly(aliceInvitation);
        assertThat(invitationIds(myInvitations(member))).isEmpty();
        List<ChatEvent> events = eventsBetween(id, start, marker(owner, id));
        assertThat(events).singleElement().isInstanceOfSatisfying(MemberInvited.class,
                e -> assertThat(e.userId()).isEqualTo(bob.id()));
    }

    @Test
    void invitingABannedUserIsAConflictAndWritesNothing() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User alice = users.get(1);
        User troll = users.get(2);
        String id = group(owner, List.of(), List.of(users.get(3)));
        assertThat(ban(owner, id, troll.id()).status()).isEqualTo(200);
        User start = marker(owner, id);

        Http.Response refused = invite(owner, id, List.of(alice.id(), troll.id()), null);

        assertProblem(refused, 409, "user " + troll.id() + " is banned from this conversation");
        assertThat(jdbc.queryForObject("select count(*) from invitations where conversation_id = ?::uuid",
                Integer.class, id)).isZero();
        assertThat(eventsBetween(id, start, marker(owner, id))).isEmpty();
    }

    @Test
    void anInviteeBannedAfterTheInvitationIsForbiddenToAcceptAndNothingChanges() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User alice = users.get(1);
        String id = group(owner, List.of(), List.of(users.get(2)));
        String invitation = invited(owner, id, alice, null);
        assertThat(ban(owner, id, alice.id()).status()).isEqualTo(200);
        User start = marker(owner, id);

        assertProblem(accept(alice, invitation), 403, "you are banned from this conversation");

        assertThat(invitationStatus(invitation)).isEqualTo("PENDING");
        assertThat(roles(id)).doesNotContainKey(alice.id());
        assertThat(eventsBetween(id, start, marker(owner, id))).isEmpty();
    }

    @Test
    void invitingAUserNobodyKnowsIsNotFound() {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        String id = group(owner, List.of(), List.of(users.get(1)));
        User ghost = unknownUser();

        assertProblem(invite(owner, id, List.of(ghost.id()), null), 404, "user " + ghost.id() + " not found");
        assertThat(jdbc.queryForObject("select count(*) from invitations where conversation_id = ?::uuid",
                Integer.class, id)).isZero();
    }
}
