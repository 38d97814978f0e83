package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.chat.conversation.testing.Events;
import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberRoleChanged;
import dev.chat.events.OwnershipTransferred;
import dev.chat.events.Topics;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MembersIT extends MemberIntegrationTest {

    @Test
    void theMembersListPagesThroughEveryMemberOnceInJoinOrder() {
        List<User> users = projectedUsers(16);
        User owner = users.getFirst();
        // 11 members join with the owner (one instant: the user id breaks the tie), then 4 join one by one.
        String id = group(owner, List.of(), users.subList(1, 12));
        for (User late : users.subList(12, 16)) {
            assertThat(add(owner, id, List.of(late.id())).status()).isEqualTo(200);
        }
        Map<UUID, Instant> joinedAt = new HashMap<>();
        jdbc.query("select user_id, joined_at from members where conversation_id = ?::uuid",
                rs -> {
                    joinedAt.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                }, id);
        // PostgreSQL orders uuids by their bytes, as their lower-case text sorts (not as UUID.compareTo does).
        List<String> expected = joinedAt.keySet().stream()
                .sorted(Comparator.comparing((UUID u) -> joinedAt.get(u)).thenComparing(UUID::toString))
                .map(UUID::toString).toList();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = list(users.get(5), id, "limit=5" + (cursor == null ? "" : "&after=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(m -> seen.add(m.get("userId").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(4);
        JsonNode first = list(owner, id, "").json().get("items");
        assertThat(first).hasSize(16);
        JsonNode ownerEntry = first.valueStream().filter(m -> m.get("userId").asString().equals(owner.id().toString()))
                .findFirst().orElseThrow();
        assertThat(ownerEntry.propertyNames()).containsExactly("userId", "role", "username", "displayName", "joinedAt");
        assertThat(ownerEntry.get("role").asString()).isEqualTo("OWNER");
        assertThat(ownerEntry.get("username").asString()).isEqualTo(owner.username());
        assertThat(ownerEntry.get("displayName").asString()).isEqualTo("Name " + owner.username());
    }

    @Test
    void addingReturnsOnlyTheNewMembersAndAddingAgainChangesNothing() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User member = users.get(1);
        String id = group(owner, List.of(), List.of(member));

        Http.Response first = add(owner, id, List.of(member.id(), users.get(2).id(), users.get(3).id()));
        Http.Response again = add(owner, id, List.of(users.get(3).id(), users.get(2).id()));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode added = first.json().get("added");
        assertThat(added.valueStream().map(m -> m.get("userId").asString()))
                .containsExactly(users.get(2).id().toString(), users.get(3).id().toString());
        assertThat(added.get(0).get("role").asString()).isEqualTo("MEMBER");
        assertThat(added.get(0).get("username").asString()).isEqualTo(users.get(2).username());
        assertThat(added.get(0).get("joinedAt").isString()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("added")).isEmpty();
        assertThat(roles(id)).hasSize(4);
        // A new member sees the conversation at once.
        assertThat(http.get("/api/conversations/" + id, users.get(3).token()).status()).isEqualTo(200);
    }

    @Test
    void addingAUserWhoDoesNotExistIsNotFoundAndAddsNobody() {
        List<User> users = projectedUsers(3);
        String id = group(users.get(0), List.of(), List.of(users.get(1)));

        Http.Response response = add(users.get(0), id, List.of(users.get(2).id(), UUID.randomUUID()));

        assertProblem(response, 404);
        assertThat(roles(id)).hasSize(2);
    }

    @Test
    void theOwnerMustTransferOwnershipBeforeLeaving() {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        User member = users.get(1);
        String id = group(owner, List.of(), List.of(member));

        Http.Response refused = remove(owner, id, owner.id());

        assertProblem(refused, 409);
        assertThat(refused.json().get("detail").asString()).contains("transfer ownership");
        assertThat(roles(id)).containsEntry(owner.id(), "OWNER");

        Http.Response transferred = transfer(owner, id, member.id());
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        assertThat(transferred.json().get("previousOwner").get("role").asString()).isEqualTo("ADMIN");
        assertThat(transferred.json().get("owner").get("userId").asString()).isEqualTo(member.id().toString());
        assertThat(transferred.json().get("owner").get("role").asString()).isEqualTo("OWNER");

        assertThat(remove(owner, id, owner.id()).status()).isEqualTo(204);
        assertThat(roles(id)).isEqualTo(Map.of(member.id(), "OWNER"));
        assertThat(http.get("/api/conversations/" + id, owner.token()).status()).isEqualTo(404);
    }

    @Test
    void theLastMemberLeavingDeletesTheConversation() {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        String id = group(owner, List.of(), List.of(users.get(1)));
        assertThat(remove(users.get(1), id, users.get(1).id()).status()).isEqualTo(204);

        Http.Response lastOut = remove(owner, id, owner.id());

        assertThat(lastOut.status()).as(lastOut.toString()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from conversations where id = ?::uuid", Integer.class, id))
                .isZero();
        assertThat(roles(id)).isEmpty();
        assertProblem(http.get("/api/conversations/" + id, owner.token()), 404);
    }

    @Test
    void aKickedMemberNoLongerSeesTheConversationAndKickingThemAgainIsNotFound() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User admin = users.get(1);
        User member = users.get(2);
        String id = group(owner, List.of(admin), List.of(member));

        assertThat(remove(admin, id, member.id()).status()).isEqualTo(204);

        assertProblem(http.get("/api/conversations/" + id, member.token()), 404);
        assertProblem(list(member, id, ""), 404);
        assertProblem(remove(admin, id, member.id()), 404);
        assertProblem(setRole(owner, id, member.id(), "ADMIN"), 404);
        assertProblem(transfer(owner, id, member.id()), 404);
    }

    @Test
    void everyChangePublishesOneEventInOrderWithItsPayload() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User m1 = users.get(1);
        User m2 = users.get(2);
        User x = users.get(3);
        String id = group(owner, List.of(), List.of(m1, m2));
        UUID c = UUID.fromString(id);

        assertThat(add(owner, id, List.of(x.id(), m1.id())).status()).isEqualTo(200); // m1 is skipped
        assertThat(setRole(owner, id, x.id(), "ADMIN").status()).isEqualTo(200);
        assertThat(setRole(owner, id, x.id(), "ADMIN").status()).isEqualTo(200); // unchanged: no event
        assertThat(remove(x, id, m1.id()).status()).isEqualTo(204);
        assertThat(remove(m2, id, m2.id()).status()).isEqualTo(204);
        assertThat(transfer(owner, id, x.id()).status()).isEqualTo(200);
        assertThat(setRole(x, id, owner.id(), "MEMBER").status()).isEqualTo(200);
        assertThat(remove(owner, id, owner.id()).status()).isEqualTo(204);
        assertThat(remove(x, id, x.id()).status()).isEqualTo(204);

        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.CONVERSATIONS, id,
                seen -> seen.stream().anyMatch(e -> e.payload() instanceof ConversationDeleted));
        List<ChatEvent> payloads = events.stream().map(EventEnvelope::payload).toList();
        assertThat(payloads).hasSize(12);
        assertThat(payloads.get(0)).isInstanceOf(ConversationCreated.class);
        assertThat(payloads.subList(1, 4)).extracting(e -> ((MemberJoined) e).userId())
                .containsExactly(owner.id(), m1.id(), m2.id());
        List<ChatEvent> changes = payloads.subList(4, 12);
        assertThat(changes).extracting(e -> e.getClass().getSimpleName()).containsExactly("MemberJoined",
                "MemberRoleChanged", "MemberLeft", "MemberLeft", "OwnershipTransferred", "MemberRoleChanged",
                "MemberLeft", "ConversationDeleted");
        var joined = (MemberJoined) changes.get(0);
        assertThat(tuple(joined.conversationId(), joined.userId(), joined.role())).isEqualTo(tuple(c, x.id(), "MEMBER"));
        var promoted = (MemberRoleChanged) changes.get(1);
        assertThat(tuple(promoted.conversationId(), promoted.userId(), promoted.role(), promoted.changedBy()))
                .isEqualTo(tuple(c, x.id(), "ADMIN", owner.id()));
        var kicked = (MemberLeft) changes.get(2);
        assertThat(tuple(kicked.userId(), kicked.reason())).isEqualTo(tuple(m1.id(), "KICKED"));
        var left = (MemberLeft) changes.get(3);
        assertThat(tuple(left.userId(), left.reason())).isEqualTo(tuple(m2.id(), "LEFT"));
        var transferred = (OwnershipTransferred) changes.get(4);
        assertThat(tuple(transferred.conversationId(), transferred.fromUserId(), transferred.toUserId()))
                .isEqualTo(tuple(c, owner.id(), x.id()));
        var demoted = (MemberRoleChanged) changes.get(5);
        assertThat(tuple(demoted.userId(), demoted.role(), demoted.changedBy()))
                .isEqualTo(tuple(owner.id(), "MEMBER", x.id()));
        var ownerLeft = (MemberLeft) changes.get(6);
        assertThat(tuple(ownerLeft.userId(), ownerLeft.reason())).isEqualTo(tuple(owner.id(), "LEFT"));
        var deleted = (ConversationDeleted) changes.get(7);
        assertThat(tuple(deleted.conversationId(), deleted.deletedBy())).isEqualTo(tuple(c, x.id()));
        assertThat(events).allSatisfy(e -> assertThat(e.key()).isEqualTo(id));
        assertThat(events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        assertThat(Set.copyOf(payloads)).hasSize(12);
    }
}
