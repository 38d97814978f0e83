package dev.chat.message.latest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.message.IntegrationTest;
import dev.chat.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LatestMessagesIT extends IntegrationTest {

    @Test
    void eachConversationAnswersItsLastMessageMostRecentlyActiveFirst() {
        User alice = user();
        User bob = user();
        UUID quiet = conversationOf(alice, bob);
        UUID busy = conversationOf(alice, bob);
        UUID empty = conversationOf(alice, bob);
        send(quiet, alice, "q1", "first in quiet");
        send(busy, bob, "b1", "first in busy");
        send(busy, alice, "b2", "second in busy");

        List<JsonNode> items = items(latest(alice, quiet, busy, empty));

        assertThat(items).extracting(i -> i.get("conversationId").asString())
                .containsExactly(busy.toString(), quiet.toString());
        assertThat(items.getFirst().get("message").get("body").asString()).isEqualTo("second in busy");
        assertThat(items.getFirst().get("message").get("seq").asLong()).isEqualTo(2);
        assertThat(items.get(1).get("message").get("body").asString()).isEqualTo("first in quiet");
    }

    @Test
    void conversationsOfOthersAreLeftOutWhateverIdsAreSent() {
        User alice = user();
        User bob = user();
        User mallory = user();
        UUID theirs = conversationOf(alice, bob);
        UUID mine = conversationOf(mallory, bob);
        send(theirs, alice, "t1", "secret");
        send(mine, mallory, "m1", "hello");

        List<JsonNode> items = items(latest(mallory, theirs, mine, UUID.randomUUID()));

        assertThat(items).extracting(i -> i.get("conversationId").asString()).containsExactly(mine.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "conversationIds=", "conversationIds=nope", "conversationIds=,", "limit=3"})
    void missingOrMalformedIdsAreBadRequestProblems(String query) {
        Http.Response response = http.get("/api/messages/latest?" + query, user().token());

        assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void moreThanAHundredConversationsInOneAskIsABadRequest() {
        String ids = IntStream.range(0, 101).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.joining(","));

        Http.Response response = http.get("/api/messages/latest?conversationIds=" + ids, user().token());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("1 to 100");
    }

    private Http.Response latest(User reader, UUID... conversations) {
        return http.get("/api/messages/latest?conversationIds="
                + java.util.Arrays.stream(conversations).map(UUID::toString).collect(Collectors.joining(",")),
                reader.token());
    }

    private static List<JsonNode> items(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }
}
