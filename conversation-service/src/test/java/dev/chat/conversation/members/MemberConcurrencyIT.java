package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Concurrent changes to one conversation apply one after another (its row is locked), never into an impossible state. */
class MemberConcurrencyIT extends MemberIntegrationTest {

    @Test
    void twoAdminsAddingAndKickingTheSameUsersAtOnceEachSucceedExactlyOnce() throws Exception {
        List<User> users = projectedUsers(13);
        User owner = users.get(0);
        User alice = users.get(1);
        User bob = users.get(2);
        List<User> newcomers = users.subList(3, 13);
        String id = group(owner, List.of(alice, bob), List.of());
        List<UUID> ids = newcomers.stream().map(User::id).toList();

        List<Http.Response> adds = all(List.of(() -> add(alice, id, ids), () -> add(bob, id, ids.reversed()),
                () -> add(alice, id, ids.subList(0, 5)), () -> add(bob, id, ids.subList(5, 10))));

        assertThat(adds).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        List<String> added = adds.stream().flatMap(r -> r.json().get("added").valueStream())
                .map(m -> m.get("userId").asString()).toList();
        assertThat(added).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                ids.stream().map(UUID::toString).toList());
        assertThat(roles(id)).hasSize(13);

        List<Callable<Http.Response>> kicks = new ArrayList<>();
        for (UUID newcomer : ids) {
            kicks.add(() -> remove(alice, id, newcomer));
            kicks.add(() -> remove(bob, id, newcomer));
        }
        // And each admin tries to kick the other: refused whatever the order.
        kicks.add(() -> remove(alice, id, bob.id()));
        kicks.add(() -> remove(bob, id, alice.id()));
        List<Http.Response> kicked = all(kicks);

        assertThat(kicked.stream().filter(r -> r.status() == 204)).hasSize(10);
        assertThat(kicked.stream().filter(r -> r.status() == 404)).hasSize(10);
        assertThat(kicked.stream().filter(r -> r.status() == 403)).hasSize(2);
        assertThat(roles(id)).containsOnlyKeys(owner.id(), alice.id(), bob.id());
        assertThat(roles(id).values()).containsOnlyOnce("OWNER");
        User marker = projectedUser();
        assertThat(add(owner, id, List.of(marker.id())).status()).isEqualTo(200);
        List<ChatEvent> events = eventsUntil(id, e -> e instanceof MemberJoined j && j.userId().equals(marker.id()));
        assertThat(events.stream().filter(e -> e instanceof MemberLeft)).hasSize(10)
                .extracting(e -> ((MemberLeft) e).userId()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(events.stream().filter(e -> e instanceof MemberJoined j && ids.contains(j.userId()))).hasSize(10);
    }

    @Test
    void twentyConcurrentAddsRacingTheCapStopAtExactlyAThousandMembers() throws Exception {
        List<User> users = projectedUsers(1020);
        User owner = users.getFirst();
        String id = group(owner, List.of(), users.subList(1, 980)); // 980 members
        List<Callable<Http.Response>> adds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<UUID> pair = List.of(users.get(980 + 2 * i).id(), users.get(981 + 2 * i).id());
            adds.add(() -> add(owner, id, pair));
        }

        List<Http.Response> responses = all(adds);

        assertThat(responses.stream().filter(r -> r.status() == 200)).hasSize(10)
                .allSatisfy(r -> assertThat(r.json().get("added")).hasSize(2));
        assertThat(responses.stream().filter(r -> r.status() == 409)).hasSize(10)
                .allSatisfy(r -> assertThat(r.json().get("detail").asString()).contains("at most 1000 members"));
        assertThat(roles(id)).hasSize(1000);
        assertThat(roles(id).values()).containsOnlyOnce("OWNER");
        assertThat(remove(owner, id, users.get(1).id()).status()).isEqualTo(204);
        List<ChatEvent> events = eventsUntil(id, e -> e instanceof MemberLeft);
        assertThat(events.stream().filter(e -> e instanceof MemberJoined)).hasSize(1000);
    }

    @Test
    void transferringOwnershipWhileAdminsPromoteAndKickLeavesExactlyOneOwner() throws Exception {
        List<User> users = projectedUsers(8);
        User owner = users.get(0);
        User admin = users.get(1);
        List<User> members = users.subList(2, 8);
        String id = group(owner, List.of(admin), members);

        List<Callable<Http.Response>> calls = new ArrayList<>();
        calls.add(() -> transfer(owner, id, admin.id()));
        calls.add(() -> transfer(owner, id, members.get(0).id()));
        for (User member : members.subList(1, 6)) {
            calls.add(() -> setRole(owner, id, member.id(), "ADMIN"));
            calls.add(() -> remove(admin, id, member.id()));
        }
        List<Http.Response> responses = all(calls);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 204, 403, 404));
        assertThat(responses.subList(0, 2)).filteredOn(r -> r.status() == 200).hasSize(1); // then it is not theirs
        assertThat(roles(id).values()).containsOnlyOnce("OWNER");
        assertThat(roles(id)).containsKeys(owner.id(), admin.id());
    }

}
