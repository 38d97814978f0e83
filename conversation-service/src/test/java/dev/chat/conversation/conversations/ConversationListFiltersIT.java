package dev.chat.conversation.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.conversation.IntegrationTest;
import dev.chat.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/conversations with type and query, and what a list item holds for each type. */
class ConversationListFiltersIT extends IntegrationTest {

    private record Fixture(User me, User friend, String dm, String group, String channel, String other) {
    }

    /** Each test's own user: a DM, a group and a channel that share a word in their titles, and one more group. */
    private Fixture fixture() {
        List<User> users = projectedUsers(4);
        User me = users.get(0);
        User friend = users.get(1);
        String word = "Rocket" + tag();
        String dm = post("/api/conversations/direct", me, Map.of("userId", friend.id()));
        String group = post("/api/conversations", me, Map.of("type", "GROUP", "title", "The " + word + " crew",
                "memberIds", List.of(friend.id(), users.get(2).id())));
        String channel = channel(me, word + " launches", "PUBLIC", List.of(friend, users.get(2), users.get(3)));
        String other = post("/api/conversations", me, Map.of("type", "GROUP", "title", "Unrelated",
                "memberIds", List.of(friend.id())));
        return new Fixture(me, friend, dm, group, channel, other);
    }

    @Test
    void queryMatchesTitlesCaseInsensitivelyAndTheOtherMemberOfADirectConversation() {
        Fixture f = fixture();
        String word = title(f, f.group()).split(" ")[1];

        assertThat(ids(f.me(), "query=" + word.toUpperCase())).containsExactly(f.channel(), f.group());
        assertThat(ids(f.me(), "query=" + word.toLowerCase().substring(3))).containsExactly(f.channel(), f.group());
        assertThat(ids(f.me(), "query=" + f.friend().username())).containsExactly(f.dm());
        assertThat(ids(f.me(), "query=name%20" + f.friend().username())).containsExactly(f.dm()); // display name
        assertThat(ids(f.me(), "query=%25")).isEmpty(); // a wildcard is a plain character
        assertThat(ids(f.me(), "query=%20%20")).containsExactly(f.other(), f.channel(), f.group(), f.dm());
    }

    @Test
    void typeKeepsOneKindAndCombinesWithQuery() {
        Fixture f = fixture();
        String word = title(f, f.group()).split(" ")[1];

        assertThat(ids(f.me(), "type=CHANNEL")).containsExactly(f.channel());
        assertThat(ids(f.me(), "type=DIRECT")).containsExactly(f.dm());
        assertThat(ids(f.me(), "type=GROUP")).containsExactly(f.other(), f.group());
        assertThat(ids(f.me(), "type=GROUP&query=" + word)).containsExactly(f.group());
    }

    @Test
    void filteredPagesFollowTheCursor() {
        Fixture f = fixture();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = http.get("/api/conversations?type=GROUP&limit=1"
                    + (cursor == null ? "" : "&before=" + cursor), f.me().token());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(c -> seen.add(c.get("id").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
        } while (cursor != null);

        assertThat(seen).containsExactly(f.other(), f.group());
    }

    @Test
    void aChannelInTheListCarriesItsCountButOnlyTheCallersOwnMembership() {
        Fixture f = fixture();

        Http.Response page = http.get("/api/conversations", f.me().token());

        Map<String, JsonNode> byId = new java.util.HashMap<>();
        page.json().get("items").forEach(c -> byId.put(c.get("id").asString(), c));
        JsonNode channel = byId.get(f.channel());
        assertThat(channel.get("memberCount").asInt()).isEqualTo(4);
        assertThat(channel.get("members")).extracting(m -> m.get("userId").asString())
                .containsExactly(f.me().id().toString());
        JsonNode group = byId.get(f.group());
        assertThat(group.get("memberCount").asInt()).isEqualTo(3);
        assertThat(group.get("members")).hasSize(3);
        assertThat(byId.get(f.dm()).get("members")).hasSize(2);
        assertThat(byId.get(f.dm()).get("preferences").get("notifications").asString()).isEqualTo("ALL");
        // The friend, a plain member of the channel, sees only their own entry too.
        JsonNode forFriend = http.get("/api/conversations/" + f.channel(), f.friend().token()).json();
        assertThat(forFriend.get("members")).extracting(m -> m.get("userId").asString(), m -> m.get("role").asString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(f.friend().id().toString(), "MEMBER"));
    }

    @Test
    void badFiltersAreBadRequestProblems() {
        User me = projectedUser();

        for (String query : List.of("type=CHAT", "type=group", "query=" + "q".repeat(101))) {
            Http.Response response = http.get("/api/conversations?" + query, me.token());
            assertProblem(response, 400);
            if (query.startsWith("type")) {
                assertThat(response.json().get("detail").asString()).isEqualTo("type must be DIRECT, GROUP or CHANNEL");
            }
        }
    }

    private List<String> ids(User caller, String query) {
        Http.Response page = http.get("/api/conversations?" + query, caller.token());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(c -> ids.add(c.get("id").asString()));
        return ids;
    }

    private String title(Fixture f, String id) {
        return http.get("/api/conversations/" + id, f.me().token()).json().get("title").asString();
    }

    private String post(String path, User caller, Object body) {
        Http.Response created = http.post(path, caller.token(), body);
        assertThat(created.status()).as(created.toString()).isIn(200, 201);
        return created.json().get("id").asString();
    }
}
