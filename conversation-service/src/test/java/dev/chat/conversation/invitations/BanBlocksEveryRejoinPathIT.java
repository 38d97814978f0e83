package dev.chat.conversation.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.testsupport.Http;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A banned member cannot come back by any path (added by an admin, accepting an invitation made before the ban, an
 * invite link) and a refusal writes nothing; once unbanned, each path works again.
 */
class BanBlocksEveryRejoinPathIT extends InviteIntegrationTest {

    @Test
    void aBannedUserIsRefusedByEveryPathInUntilUnbanned() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User admin = users.get(1);
        User troll = users.get(2);
        String id = group(owner, List.of(admin), List.of());
        // Invited, then banned before answering (a pre-emptive ban: they never joined): the invitation stays open
        // but cannot be used while the ban holds, nor can a link or an add bring them in.
        String invitation = invited(owner, id, troll, null);
        String code = link(owner, id, 10);

        assertThat(ban(admin, id, troll.id()).status()).isEqualTo(200);
        User start = marker(owner, id);

        assertProblem(add(admin, id, List.of(troll.id())), 409, "user " + troll.id() + " is banned from this conversation");
        assertProblem(accept(troll, invitation), 403, "you are banned from this conversation");
        assertProblem(join(troll, code), 403, "you are banned from this conversation");
        assertProblem(invite(admin, id, List.of(troll.id()), null), 409,
                "user " + troll.id() + " is banned from this conversation");

        assertThat(roles(id)).doesNotContainKey(troll.id());
        assertThat(invitationStatus(invitation)).isEqualTo("PENDING");
        assertThat(uses(code)).isZero();
        assertThat(eventsBetween(id, start, marker(owner, id))).isEmpty();

        assertThat(lift(owner, id, "bans", troll.id()).status()).isEqualTo(204);
        User afterUnban = marker(owner, id);

        Http.Response accepted = accept(troll, invitation);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("joined").asBoolean()).isTrue();
        assertThat(leave(troll, id).status()).isEqualTo(204);
        Http.Response joined = join(troll, code);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().get("joined").asBoolean()).isTrue();
        assertThat(uses(code)).isEqualTo(1);
        assertThat(leave(troll, id).status()).isEqualTo(204);
        Http.Response added = add(admin, id, List.of(troll.id()));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);

        assertThat(roles(id)).containsEntry(troll.id(), "MEMBER");
        List<ChatEvent> events = eventsBetween(id, afterUnban, marker(owner, id));
        assertThat(events).hasSize(5);
        assertThat(events).filteredOn(e -> e instanceof MemberJoined).hasSize(3)
                .allSatisfy(e -> assertThat(((MemberJoined) e).userId()).isEqualTo(troll.id()));
        assertThat(events).filteredOn(e -> e instanceof MemberLeft).hasSize(2)
                .allSatisfy(e -> assertThat(((MemberLeft) e).reason()).isEqualTo("LEFT"));
    }
}
