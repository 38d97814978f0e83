package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ConversationDeleted;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteConversationIT extends MemberIntegrationTest {

    @Test
    void onlyTheOwnerDeletesAGroupAndItPublishesOneConversationDeleted() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User admin = users.get(1);
        User member = users.get(2);
        User outsider = users.get(3);
        String id = group(owner, List.of(admin), List.of(member));

        assertProblem(delete(admin, id), 403);
        assertProblem(delete(member, id), 403);
        assertProblem(delete(outsider, id), 404);
        assertThat(roles(id)).hasSize(3);

        assertThat(delete(owner, id).status()).isEqualTo(204);

        assertThat(jdbc.queryForObject("select count(*) from conversations where id = ?::uuid", Integer.class, id))
                .isZero();
        assertThat(roles(id)).isEmpty();
        var events = eventsUntil(id, e -> e instanceof ConversationDeleted);
        assertThat(events.stream().filter(e -> e instanceof ConversationDeleted).toList())
                .singleElement().satisfies(e -> assertThat(((ConversationDeleted) e).deletedBy()).isEqualTo(owner.id()));
        assertProblem(delete(owner, id), 404);
    }

    @Test
    void aDirectConversationCannotBeDeleted() {
        List<User> users = projectedUsers(2);
        String id = direct(users.get(0), users.get(1));

        assertProblem(delete(users.get(0), id), 409);
        assertThat(roles(id)).hasSize(2);
    }

    private dev.chat.testsupport.Http.Response delete(User caller, String conversationId) {
        return send("DELETE", "/api/conversations/" + conversationId, caller.token(), null);
    }
}
