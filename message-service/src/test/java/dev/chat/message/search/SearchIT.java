package dev.chat.message.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.MemberLeft;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class SearchIT extends IntegrationTest {

    @Test
    void findsByWordAndByPhraseNewestFirst() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        send(c, alice, "1", "the quick brown fox");
        send(c, alice, "2", "a brown and quick dog");
        send(c, alice, "3", "lazy fox jumps");

        assertThat(bodies(search(alice, "q=fox"))).containsExactly("lazy fox jumps", "the quick brown fox");
        assertThat(bodies(search(alice, "q=" + enc("\"quick brown\"")))).containsExactly("the quick brown fox");
        assertThat(bodies(search(alice, "q=" + enc("dog or jumps"))))
                .containsExactly("lazy fox jumps", "a brown and quick dog");
        assertThat(bodies(search(alice, "q=" + enc("fox -lazy")))).containsExactly("the quick brown fox");
        assertThat(bodies(search(alice, "q=FOX"))).as("case-insensitive").hasSize(2);
        assertThat(bodies(search(alice, "q=elephant"))).isEmpty();
    }

    @Test
    void theCursorPagesThroughEveryHitOnceNewestFirst() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        for (int i = 1; i <= 5; i++) {
            send(c, alice, "m" + i, "paged hit " + i);
        }
        send(c, alice, "other", "not a match");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Response page = search(alice, "q=paged&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(bodies(page));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("paged hit 5", "paged hit 4", "paged hit 3", "paged hit 2", "paged hit 1");
        assertThat(search(alice, "q=paged").json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void filtersNarrowByConversationAuthorAndDate() {
        User alice = user();
        User bob = user();
        UUID one = conversationOf(alice, bob);
        UUID two = conversationOf(alice, bob);
        UUID notAlices = conversationOf(bob, user());
        send(one, alice, "a1", "filter alpha");
        send(two, bob, "b1", "filter beta");
        send(one, bob, "b2", "filter gamma");
        send(notAlices, bob, "b3", "filter delta");

        assertThat(bodies(search(alice, "q=filter"))).containsExactly("filter gamma", "filter beta", "filter alpha");
        assertThat(bodies(search(alice, "q=filter&conversationId=" + one)))
                .containsExactly("filter gamma", "filter alpha");
        assertThat(bodies(search(alice, "q=filter&authorId=" + bob.id())))
                .containsExactly("filter gamma", "filter beta");
        assertThat(bodies(search(alice, "q=filter&conversationId=" + notAlices)))
                .as("a conversation the caller is not in answers like one without matches").isEmpty();
        assertThat(bodies(search(alice, "q=filter&conversationId=" + UUID.randomUUID()))).isEmpty();

        List<JsonNode> all = items(search(alice, "q=filter"));
        String betaAt = all.get(1).get("message").get("createdAt").asString();
        assertThat(bodies(search(alice, "q=filter&from=" + betaAt))).containsExactly("filter gamma", "filter beta");
        assertThat(bodies(search(alice, "q=filter&to=" + betaAt))).containsExactly("filter alpha");
        assertThat(bodies(search(alice, "q=filter&from=" + betaAt + "&to="
                + Instant.parse(betaAt).plusNanos(1000)))).containsExactly("filter beta");
        assertThat(bodies(search(alice, "q=filter&hasAttachment=true")))
                .as("no message has an attachment yet").isEmpty();
        assertThat(bodies(search(alice, "q=filter&hasAttachment=false"))).hasSize(3);
    }

    @Test
    void anOutsiderFindsNothingFromAConversationTheyAreNotIn() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        send(c, alice, "s", "outsidersecret words");

        assertThat(bodies(search(user(), "q=outsidersecret"))).isEmpty();
        assertThat(bodies(search(user(), "q=outsidersecret&conversationId=" + c))).isEmpty();
        assertThat(bodies(search(alice, "q=outsidersecret"))).hasSize(1);
    }

    @Test
    void aRemovedMemberFindsNothingFromThatConversationAnyMore() {
        User alice = user();
        User bob = user();
        UUID left = conversationOf(alice, bob);
        UUID stays = conversationOf(alice, bob);
        send(left, alice, "x", "leaverword in the old room");
        send(stays, alice, "y", "leaverword in the room bob stays in");
        assertThat(bodies(search(bob, "q=leaverword"))).hasSize(2);

        Events.publish(new MemberLeft(left, bob.id(), "KICKED", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> !Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from members where conversation_id = ? and user_id = ?)", Boolean.class,
                left, bob.id())));

        assertThat(bodies(search(bob, "q=leaverword"))).containsExactly("leaverword in the room bob stays in");
        assertThat(bodies(search(bob, "q=leaverword&conversationId=" + left))).isEmpty();
        assertThat(bodies(search(alice, "q=leaverword"))).hasSize(2);
    }

    @Test
    void deletedMessagesAreNotFound() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        String id = send(c, alice, "d", "deletable tombstone").json().get("id").asString();
        send(c, alice, "k", "deletable kept");

        assertThat(delete(c, alice, id).status()).isEqualTo(204);

        assertThat(bodies(search(alice, "q=deletable"))).containsExactly("deletable kept");
        assertThat(bodies(search(alice, "q=tombstone"))).isEmpty();
    }

    @Test
    void editedMessagesAreFoundByTheirNewWordsOnly() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        String id = send(c, alice, "e", "beforeedit text").json().get("id").asString();
        assertThat(edit(c, alice, id, "afteredit text").status()).isEqualTo(200);

        assertThat(bodies(search(alice, "q=beforeedit"))).isEmpty();
        assertThat(bodies(search(alice, "q=afteredit"))).containsExactly("afteredit text");
    }

    @Test
    void theSnippetMarksTheWordsAndEscapesTheBody() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        send(c, alice, "x", "say <script>alert('snippetword')</script> & <b>bold</b> snippetword");

        JsonNode hit = items(search(alice, "q=snippetword")).getFirst();
        String snippet = hit.get("snippet").asString();

        assertThat(snippet).contains("<mark>snippetword</mark>").contains("&lt;/script&gt;").contains("&amp;")
                .contains("&lt;b&gt;");
        assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<").doesNotContain(">");
        assertThat(hit.get("message").get("body").asString()).startsWith("say <script>");
    }

    @Test
    void eachHitCarriesItsMessageWithTheReactionsAsTheCallerSeesThem() {
        User alice = user();
        User bob = user();
        UUID c = conversationOf(alice, bob);
        String id = send(c, alice, "r", "reactedword here").json().get("id").asString();
        assertThat(react(c, bob, id, "👍", true).status()).isEqualTo(204);

        JsonNode asAlice = items(search(alice, "q=reactedword")).getFirst().get("message");
        JsonNode asBob = items(search(bob, "q=reactedword")).getFirst().get("message");

        assertThat(asAlice.get("id").asString()).isEqualTo(id);
        assertThat(asAlice.get("conversationId").asString()).isEqualTo(c.toString());
        assertThat(asAlice.get("seq").asLong()).isEqualTo(1L);
        assertThat(asAlice.get("reactions").get(0).get("count").asInt()).isEqualTo(1);
        assertThat(asAlice.get("reactions").get(0).get("me").asBoolean()).isFalse();
        assertThat(asBob.get("reactions").get(0).get("me").asBoolean()).isTrue();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("no q", ""),
                Arguments.of("empty q", "q="),
                Arguments.of("blank q", "q=%20%20"),
                Arguments.of("q too long", "q=" + "a".repeat(201)),
                Arguments.of("NUL in q", "q=a%00b"),
                Arguments.of("bad from", "q=a&from=yesterday"),
                Arguments.of("bad to", "q=a&to=2026-13-01T00:00:00Z"),
                Arguments.of("from after to", "q=a&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
                Arguments.of("limit 0", "q=a&limit=0"),
                Arguments.of("limit 51", "q=a&limit=51"),
                Arguments.of("limit not a number", "q=a&limit=x"),
                Arguments.of("cursor not base64", "q=a&cursor=%21%21%21"),
                Arguments.of("cursor not ours", "q=a&cursor=aGVsbG8"),
                Arguments.of("conversationId not a uuid", "q=a&conversationId=nope"),
                Arguments.of("authorId not a uuid", "q=a&authorId=nope"),
                Arguments.of("hasAttachment not a boolean", "q=a&hasAttachment=maybe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void impossibleParametersAreBadRequestProblems(String name, String query) {
        Http.Response response = search(user(), query);

        assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTwoHundredCharacterQueryIsAccepted() {
        assertThat(search(user(), "q=" + "a".repeat(200)).status()).isEqualTo(200);
    }

    @Test
    void theSearchIsAnsweredFromTheGinIndex() {
        assertThat(jdbc.queryForObject("select indexdef from pg_indexes where indexname = 'messages_search'",
                String.class)).contains("gin").contains("search_vector");

        UUID caller = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        jdbc.update("insert into members (conversation_id, user_id) values (?, ?)", c, caller);
        jdbc.update("""
                insert into messages (id, conversation_id, seq, sender_id, client_message_id, body, created_at)
                select gen_random_uuid(), ?, g, ?, 'seed' || g,
                       'filler words for the planner number ' || g || case when g % 1000 = 0 then ' needle' else '' end,
                       now() - g * interval '1 second'
                  from generate_series(1, 5000) g""", c, caller);
        // VACUUM moves the new rows from the GIN pending list into the index proper, as autovacuum would
        jdbc.execute("vacuum analyze messages");
        jdbc.execute("analyze members");

        SearchQuery query = SearchQuery.of("needle", null, null, null, null, null, null, null);
        SearchRepository.Statement statement = SearchRepository.statement(caller, query);
        String plan = String.join("\n", jdbc.queryForList("explain " + statement.sql(), String.class,
                statement.args()));

        assertThat(plan).as(plan).contains("messages_search");
    }

    private Http.Response search(User user, String query) {
        return http.get("/api/messages/search" + (query.isEmpty() ? "" : "?" + query), user.token());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> items(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }

    private static List<String> bodies(Http.Response page) {
        return items(page).stream().map(i -> i.get("message").get("body").asString()).toList();
    }
}
