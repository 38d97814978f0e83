package dev.chat.message.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.message.IntegrationTest;
import dev.chat.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class HistoryIT extends IntegrationTest {

    User alice;
    User bob;
    UUID conversation;

    @BeforeEach
    void sevenMessages() {
        alice = user();
        bob = user();
        conversation = conversationOf(alice, bob);
        for (int i = 1; i <= 7; i++) {
            assertThat(send(conversation, i % 2 == 0 ? bob : alice, "m" + i, "message " + i).status()).isEqualTo(201);
        }
    }

    @Test
    void afterSeqReturnsExactlyTheMissedMessagesInOrder() {
        Http.Response page = history(conversation, bob, "afterSeq=3");

        assertThat(page.status()).isEqualTo(200);
        assertThat(seqs(page)).containsExactly(4L, 5L, 6L, 7L);
        assertThat(page.json().get("hasMore").asBoolean()).isFalse();
        assertThat(page.json().get("items").get(0).get("body").asString()).isEqualTo("message 4");
    }

    @Test
    void afterSeqPagesForwardUntilNothingIsLeft() {
        Http.Response first = history(conversation, bob, "afterSeq=1&limit=4");
        Http.Response second = history(conversation, bob, "afterSeq=5&limit=4");
        Http.Response caughtUp = history(conversation, bob, "afterSeq=7");

        assertThat(seqs(first)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(first.json().get("hasMore").asBoolean()).isTrue();
        assertThat(seqs(second)).containsExactly(6L, 7L);
        assertThat(second.json().get("hasMore").asBoolean()).isFalse();
        assertThat(seqs(caughtUp)).isEmpty();
    }

    @Test
    void withoutACursorTheLatestPageComesAscendingAndBeforeSeqScrollsBack() {
        Http.Response latest = history(conversation, alice, "limit=3");
        Http.Response older = history(conversation, alice, "beforeSeq=5&limit=3");
        Http.Response oldest = history(conversation, alice, "beforeSeq=2&limit=3");

        assertThat(seqs(latest)).containsExactly(5L, 6L, 7L);
        assertThat(latest.json().get("hasMore").asBoolean()).isTrue();
        assertThat(seqs(older)).containsExactly(2L, 3L, 4L);
        assertThat(older.json().get("hasMore").asBoolean()).isTrue();
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.json().get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void aClientThatMissedMessagesAndCaughtUpHoldsWhatAFreshLoadShows() {
        List<JsonNode> client = items(history(conversation, bob, "beforeSeq=4"));
        for (int i = 8; i <= 10; i++) {
            send(conversation, alice, "late" + i, "late " + i);
        }

        long last = client.getLast().get("seq").asLong();
        Http.Response gap;
        do {
            gap = history(conversation, bob, "afterSeq=" + last + "&limit=2");
            client.addAll(items(gap));
            last = client.getLast().get("seq").asLong();
        } while (gap.json().get("hasMore").asBoolean());

        assertThat(client).containsExactlyElementsOf(items(history(conversation, bob, "limit=200")));
        assertThat(client).hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=201", "limit=x", "afterSeq=-1", "beforeSeq=0", "afterSeq=5&beforeSeq=5",
            "afterSeq=6&beforeSeq=2", "afterSeq=abc"})
    void impossiblePagingParametersAreBadRequestProblems(String query) {
        Http.Response response = history(conversation, alice, query);

        assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aroundCentresAPageOnAPositionAndSaysOnWhichSidesMoreRemain() {
        Http.Response middle = history(conversation, bob, "around=4&limit=4");
        Http.Response start = history(conversation, bob, "around=1&limit=4");
        Http.Response end = history(conversation, bob, "around=7&limit=6");
        Http.Response beyond = history(conversation, bob, "around=100&limit=4");
        Http.Response all = history(conversation, bob, "around=4");

        assertAround(middle, List.of(2L, 3L, 4L, 5L), true, true);
        assertAround(start, List.of(1L, 2L), false, true);
        assertAround(end, List.of(4L, 5L, 6L, 7L), true, false);
        assertAround(beyond, List.of(6L, 7L), true, false);
        assertAround(all, List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), false, false);
        assertThat(history(conversation, bob, "limit=3").json().has("hasMoreBefore"))
                .as("only an around page says so").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"around=4&afterSeq=1", "around=4&beforeSeq=6", "around=0", "around=-2", "around=x",
            "around=4&limit=0", "around=4&limit=201"})
    void impossibleAroundParametersAreBadRequestProblems(String query) {
        Http.Response response = history(conversation, alice, query);

        assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aroundIsForMembersOnly() {
        assertThat(history(conversation, user(), "around=3").status()).isEqualTo(404);
    }

    private static void assertAround(Http.Response page, List<Long> seqs, boolean moreBefore, boolean moreAfter) {
        assertThat(seqs(page)).containsExactlyElementsOf(seqs);
        assertThat(page.json().get("hasMoreBefore").asBoolean()).isEqualTo(moreBefore);
        assertThat(page.json().get("hasMoreAfter").asBoolean()).isEqualTo(moreAfter);
        assertThat(page.json().get("hasMore").asBoolean()).isEqualTo(moreBefore || moreAfter);
    }

    private static List<Long> seqs(Http.Response page) {
        return items(page).stream().map(m -> m.get("seq").asLong()).toList();
    }

    private static List<JsonNode> items(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }

    @Test
    void aPageSaysWhichChangeItReflectsSoAClientFollowsFromThereWithoutCountingAReactionTwice() {
        UUID fresh = conversationOf(alice, bob);
        String id = send(fresh, alice, "c-" + UUID.randomUUID(), "react to me").json().get("id").asString();
        assertThat(react(fresh, bob, id, "👍", true).status()).isEqualTo(204);

        Http.Response page = history(fresh, alice, "limit=10");

        // the message is seq 1, the reaction change 2: the page counts it and says so
        assertThat(page.json().get("lastSeq").asLong()).isEqualTo(2L).isEqualTo(lastChangeSeq(fresh));
        assertThat(page.json().get("items").get(0).get("reactions").get(0).get("count").asInt()).isEqualTo(1);
        assertThat(changes(fresh, alice, "after=" + page.json().get("lastSeq").asLong()).json().get("changes")).isEmpty();
    }
}
