package dev.chat.message.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.message.IntegrationTest;
import dev.chat.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class RepliesIT extends IntegrationTest {

    @Test
    void aReplyIsCountedOnItsParentAndListedUnderIt() {
        User alice = user();
        User bob = user();
        UUID c = conversationOf(alice, bob);
        String parent = send(c, alice, "p", "parent").json().get("id").asString();
        send(c, bob, "other", "not a reply");
        JsonNode first = reply(c, bob, "r1", "first reply", parent);
        JsonNode second = reply(c, alice, "r2", "second reply", parent);

        assertThat(first.get("replyToId").asString()).isEqualTo(parent);
        assertThat(first.get("replyCount").asInt()).isZero();
        assertThat(first.has("lastReplyAt")).isTrue();
        assertThat(first.get("lastReplyAt").isNull()).isTrue();

        JsonNode parentNow = items(history(c, alice, "")).getFirst();
        assertThat(parentNow.get("replyCount").asInt()).isEqualTo(2);
        assertThat(parentNow.get("lastReplyAt").asString()).isEqualTo(second.get("createdAt").asString());

        assertThat(bodies(replies(c, bob, parent, ""))).containsExactly("first reply", "second reply");
    }

    @Test
    void aSendWithoutReplyLeavesEveryOtherMessageAlone() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        send(c, alice, "a", "one");
        send(c, alice, "b", "two");

        assertThat(items(history(c, alice, ""))).allSatisfy(m -> {
            assertThat(m.get("replyCount").asInt()).isZero();
            assertThat(m.get("lastReplyAt").isNull()).isTrue();
        });
    }

    @Test
    void replyToIdMustNameAMessageOfThisConversation() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        UUID elsewhere = conversationOf(alice, user());
        String foreign = send(elsewhere, alice, "f", "in another conversation").json().get("id").asString();
        send(c, alice, "x", "here");
        long before = lastChangeSeq(c);

        for (String replyToId : List.of(foreign, UUID.randomUUID().toString())) {
            Http.Response refused = sendReply(c, alice, "bad-" + replyToId, "orphan", replyToId);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asString())
                    .isEqualTo("replyToId must be a message of this conversation");
        }
        assertThat(lastChangeSeq(c)).as("no seq taken, nothing written").isEqualTo(before);
        assertThat(items(history(elsewhere, alice, "")).getFirst().get("replyCount").asInt()).isZero();
    }

    @Test
    void aDeletedMessageCanStillBeRepliedTo() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        String parent = send(c, alice, "p", "soon gone").json().get("id").asString();
        assertThat(delete(c, alice, parent).status()).isEqualTo(204);

        reply(c, alice, "r", "answering a tombstone", parent);

        assertThat(items(history(c, alice, "")).getFirst().get("replyCount").asInt()).isEqualTo(1);
        assertThat(bodies(replies(c, alice, parent, ""))).containsExactly("answering a tombstone");
    }

    @Test
    void aRetriedReplyIsCountedOnce() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        String parent = send(c, alice, "p", "parent").json().get("id").asString();

        assertThat(sendReply(c, alice, "r", "once", parent).status()).isEqualTo(201);
        assertThat(sendReply(c, alice, "r", "once", parent).status()).isEqualTo(200);

        assertThat(items(history(c, alice, "")).getFirst().get("replyCount").asInt()).isEqualTo(1);
        assertThat(bodies(replies(c, alice, parent, ""))).containsExactly("once");
    }

    @Test
    void repliesPageForwardWithAfterSeq() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        String parent = send(c, alice, "p", "parent").json().get("id").asString();
        for (int i = 1; i <= 5; i++) {
            reply(c, alice, "r" + i, "reply " + i, parent);
        }

        Http.Response first = replies(c, alice, parent, "limit=2");
        long last = items(first).getLast().get("seq").asLong();
        Http.Response second = replies(c, alice, parent, "limit=2&afterSeq=" + last);
        last = items(second).getLast().get("seq").asLong();
        Http.Response third = replies(c, alice, parent, "limit=2&afterSeq=" + last);

        assertThat(bodies(first)).containsExactly("reply 1", "reply 2");
        assertThat(first.json().get("hasMore").asBoolean()).isTrue();
        assertThat(bodies(second)).containsExactly("reply 3", "reply 4");
        assertThat(bodies(third)).containsExactly("reply 5");
        assertThat(third.json().get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void repliesAreForMembersOnlyAndOfAMessageOfTheConversation() {
        User alice = user();
        UUID c = conversationOf(alice, user());
        UUID other = conversationOf(alice, user());
        String parent = send(c, alice, "p", "parent").json().get("id").asString();

        assertThat(replies(c, user(), parent, "").status()).isEqualTo(404);
        assertThat(replies(other, alice, parent, "").status()).as("not a message of that conversation")
                .isEqualTo(404);
        assertThat(replies(c, alice, UUID.randomUUID().toString(), "").status()).isEqualTo(404);
        assertThat(items(replies(c, alice, parent, ""))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=201", "limit=x", "afterSeq=-1", "afterSeq=abc"})
    void impossiblePagingParametersAreBadRequestProblems(String query) {
        User alice = user();
        UUID c = conversationOf(alice, user());
        String parent = send(c, alice, "p", "parent").json().get("id").asString();

        Http.Response response = replies(c, alice, parent, query);

        assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private Http.Response sendReply(UUID c, User sender, String clientMessageId, String body, String replyToId) {
        return http.post("/api/conversations/" + c + "/messages", sender.token(),
                Map.of("clientMessageId", clientMessageId, "body", body, "replyToId", replyToId));
    }

    private JsonNode reply(UUID c, User sender, String clientMessageId, String body, String replyToId) {
        Http.Response r = sendReply(c, sender, clientMessageId, body, replyToId);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private Http.Response replies(UUID c, User reader, String messageId, String query) {
        return http.get("/api/conversations/" + c + "/messages/" + messageId + "/replies"
                + (query.isEmpty() ? "" : "?" + query), reader.token());
    }

    private static List<JsonNode> items(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }

    private static List<String> bodies(Http.Response page) {
        return items(page).stream().map(m -> m.get("body").asString()).toList();
    }
}
