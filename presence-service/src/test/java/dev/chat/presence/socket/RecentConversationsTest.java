package dev.chat.presence.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentConversationsTest {

    @Test
    void keepsTheMostRecentFirstWithoutDuplicates() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        RecentConversations recent = new RecentConversations(32);
        for (UUID id : List.of(a, b, a, c, c, b)) {
            recent.touch(id);
        }
        assertThat(recent.newestFirst()).containsExactly(b, c, a);
    }

    @Test
    void aForgottenConversationLeavesTheOthersInOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        RecentConversations recent = new RecentConversations(32);
        for (UUID id : List.of(a, b, c)) {
            recent.touch(id);
        }
        recent.remove(b);
        recent.remove(UUID.randomUUID()); // not held: nothing happens
        assertThat(recent.newestFirst()).containsExactly(c, a);
        recent.touch(b);
        assertThat(recent.newestFirst()).containsExactly(b, c, a);
    }

    @Test
    void holdsAtMostItsBoundAndEvictsTheLeastRecentlyActive() {
        RecentConversations recent = new RecentConversations(SocketSession.RECENT_CONVERSATIONS);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(UUID.randomUUID());
        }
        for (UUID id : ids.subList(0, 32)) {
            recent.touch(id);
        }
        recent.touch(ids.getFirst()); // active again: now the newest, so not the one evicted next
        for (UUID id : ids.subList(32, 40)) {
            recent.touch(id);
        }
        assertThat(recent.size()).isEqualTo(32);
        UUID[] kept = recent.newestFirst();
        assertThat(kept[0]).isEqualTo(ids.get(39));
        assertThat(kept).contains(ids.getFirst()).doesNotContain(ids.get(1), ids.get(8)).contains(ids.get(9));
    }
}
