package dev.chat.message.draft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.DraftChanged;
import dev.chat.events.EventEnvelope;
import dev.chat.events.EventJson;
import dev.chat.events.MemberLeft;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.message.testing.MoreHttp;
import dev.chat.testsupport.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DraftsIT extends IntegrationTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Events.Tail drafts;

    @BeforeAll
    static void tailDrafts() {
        drafts = Events.tail(Topics.DRAFTS);
    }

    @AfterAll
    static void closeTail() {
        drafts.close();
    }

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    private static String path(UUID conversation) {
        return "/api/conversations/" + conversation + "/draft";
    }

    private Http.Response put(UUID conversation, User user, Object body) {
        String json = body instanceof String s ? s : Http.JSON.writeValueAsString(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path(conversation)))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Http.Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Http.Response save(UUID conversation, User user, String body) {
        return put(conversation, user, Map.of("body", body));
    }

    private Http.Response get(UUID conversation, User user) {
        return http.get(path(conversation), user.token());
    }

    private Http.Response clear(UUID conversation, User user) {
        return MoreHttp.delete(port, path(conversation), user.token());
    }

    private JsonNode list(User user) {
        Http.Response r = http.get("/api/drafts", user.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<String> listedConversations(JsonNode list) {
        return list.get("items").valueStream().map(d -> d.get("conversationId").asString()).toList();
    }


    /** The DraftChanged events of the user published since this class started, once there are {@code count}. */
    private static List<DraftChanged> events(User user, int count) {
        return drafts.awaitKeyed(user.id().toString(), seen -> seen.size() >= count).stream()
                .map(e -> (DraftChanged) e.payload()).toList();
    }

    @Test
    void aSavedDraftIsReadBackListedAndClearedWithAVersionThatGrowsOnEveryChange() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());

        Http.Response first = save(conversation, alice, "Hello, wor");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode saved = first.json();
        assertThat(saved.get("conversationId").asString()).isEqualTo(conversation.toString());
        assertThat(saved.get("body").asString()).isEqualTo("Hello, wor");
        assertThat(saved.get("replyToId").isNull()).isTrue();
        long v1 = saved.get("version").asLong();
        assertThat(saved.get("updatedAt").asString()).isNotBlank();

        JsonNode second = save(conversation, alice, "Hello, world  \n").json();
        assertThat(second.get("body").asString()).as("kept as typed").isEqualTo("Hello, world  \n");
        assertThat(second.get("version").asLong()).isGreaterThan(v1);

        assertThat(get(conversation, alice).json()).isEqualTo(second);
        JsonNode listed = list(alice);
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0)).isEqualTo(second);
        assertThat(listed.get("version").asLong()).isEqualTo(second.get("version").asLong());

        Http.Response cleared = clear(conversation, alice);
        assertThat(cleared.status()).isEqualTo(204);
        assertThat(get(conversation, alice).status()).isEqualTo(204);
        JsonNode after = list(alice);
        assertThat(after.get("items")).isEmpty();
        assertThat(after.get("version").asLong()).as("the clear took a version too")
                .isGreaterThan(second.get("version").asLong());

        assertThat(clear(conversation, alice).status()).as("idempotent").isEqualTo(204);
        JsonNode again = save(conversation, alice, "new start").json();
        assertThat(again.get("version").asLong()).as("a repeated clear takes no version; a new draft never reuses one")
                .isEqualTo(after.get("version").asLong() + 1);
    }

    @Test
    void aBlankBodyClearsTheDraft() {
        User alice = user();
        UUID conversation = conversationOf(alice);
        save(conversation, alice, "something");

        Http.Response blank = save(conversation, alice, " \n\t ");

        assertThat(blank.status()).as(blank.toString()).isEqualTo(204);
        assertThat(get(conversation, alice).status()).isEqualTo(204);
        assertThat(list(alice).get("items")).isEmpty();
        assertThat(save(conversation, alice, "").status()).as("nothing to clear: still fine").isEqualTo(204);
    }

    @Test
    void everyChangeIsPublishedKeyedByTheUserWithoutTheText() {
        User alice = user();
        UUID conversation = conversationOf(alice);

        long v1 = save(conversation, alice, "secret plans").json().get("version").asLong();
        long v2 = save(conversation, alice, "secret plans, v2").json().get("version").asLong();
        clear(conversation, alice);
        clear(conversation, alice); // nothing to clear: no event

        List<DraftChanged> published = events(alice, 3);
        assertThat(published).extracting(DraftChanged::version).containsExactly(v1, v2, v2 + 1);
        assertThat(published).extracting(DraftChanged::cleared).containsExactly(false, false, true);
        assertThat(published).allSatisfy(e -> {
            assertThat(e.userId()).isEqualTo(alice.id());
            assertThat(e.conversationId()).isEqualTo(conversation);
        });
        List<EventEnvelope<ChatEvent>> raw = drafts.awaitKeyed(alice.id().toString(), seen -> seen.size() >= 3);
        assertThat(raw).allSatisfy(e -> assertThat(e.key()).isEqualTo(alice.id().toString()));
        assertThat(raw).allSatisfy(e -> assertThat(EventJson.write(e)).doesNotContain("secret plans"));

        save(conversation, alice, "and one more"); // the repeated clear published nothing before this
        assertThat(events(alice, 4)).extracting(DraftChanged::version).last().isEqualTo(v2 + 2);
    }

    @Test
    void concurrentSavesOfOneUserTakeDistinctVersionsPublishedInOrderAndTheNewestOfEachConversationStays()
            throws Exception {
        User alice = user();
        List<UUID> conversations = List.of(conversationOf(alice), conversationOf(alice));
        int saves = 24;
        List<Future<Http.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < saves; i++) {
                UUID conversation = conversations.get(i % 2);
                String body = "device " + i;
                answers.add(pool.submit(() -> save(conversation, alice, body)));
            }
        }
        TreeMap<Long, String> conversationByVersion = new TreeMap<>();
        for (Future<Http.Response> answer : answers) {
            JsonNode draft = answer.get().json();
            conversationByVersion.put(draft.get("version").asLong(), draft.get("conversationId").asString());
        }
        assertThat(conversationByVersion).as("one version per save").hasSize(saves);

        assertThat(events(alice, saves)).extracting(DraftChanged::version).as("published in version order")
                .containsExactlyElementsOf(conversationByVersion.keySet());
        for (UUID conversation : conversations) {
            long newest = conversationByVersion.entrySet().stream()
                    .filter(e -> e.getValue().equals(conversation.toString()))
                    .mapToLong(Map.Entry::getKey).max().orElseThrow();
            assertThat(get(conversation, alice).json().get("version").asLong()).isEqualTo(newest);
        }
        assertThat(list(alice).get("version").asLong()).isEqualTo(conversationByVersion.lastKey());
    }

    @Test
    void aNonMemberGets404AndNeverAnotherUsersDraft() {
        User alice = user();
        User bob = user();
        User outsider = user();
        UUID conversation = conversationOf(alice, bob);
        save(conversation, alice, "alice's words");

        assertProblem(save(conversation, outsider, "hi"), 404);
        assertProblem(get(conversation, outsider), 404);
        assertProblem(clear(conversation, outsider), 404);
        assertProblem(save(UUID.randomUUID(), alice, "hi"), 404);
        assertThat(list(outsider).get("items")).isEmpty();

        assertThat(get(conversation, bob).status()).as("bob has no draft of his own").isEqualTo(204);
        assertThat(list(bob).get("items")).isEmpty();
        assertThat(clear(conversation, bob).status()).isEqualTo(204);
        assertThat(get(conversation, alice).json().get("body").asString()).as("bob cleared his, not alice's")
                .isEqualTo("alice's words");
    }

    @Test
    void aMemberTheProjectionDoesNotListYetIsAskedToTryAgain() {
        User alice = user();
        User newcomer = user();
        UUID conversation = conversationOf(alice);
        CONVERSATIONS.addMember(conversation, newcomer.id());

        Http.Response r = save(conversation, newcomer, "too early");

        assertProblem(r, 503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(get(conversation, newcomer).status()).isEqualTo(204);
    }

    @Test
    void aReplyMustAnswerAMessageOfTheConversation() {
        User alice = user();
        UUID conversation = conversationOf(alice);
        UUID elsewhere = conversationOf(alice);
        String here = send(conversation, alice, "c-1", "question?").json().get("id").asString();
        String there = send(elsewhere, alice, "c-1", "other").json().get("id").asString();

        Map<String, Object> reply = new HashMap<>();
        reply.put("body", "answer");
        reply.put("replyToId", here);
        assertThat(put(conversation, alice, reply).json().get("replyToId").asString()).isEqualTo(here);

        reply.put("replyToId", there);
        Http.Response wrong = put(conversation, alice, reply);
        assertProblem(wrong, 400);
        assertThat(wrong.json().get("detail").asString()).isEqualTo("replyToId must be a message of this conversation");
        reply.put("replyToId", UUID.randomUUID().toString());
        assertProblem(put(conversation, alice, reply), 400);
        assertThat(get(conversation, alice).json().get("replyToId").asString()).as("unchanged").isEqualTo(here);
    }

    @Test
    void badBodiesAreRefused() {
        User alice = user();
        UUID conversation = conversationOf(alice);

        assertProblem(save(conversation, alice, "x".repeat(4001)), 400);
        assertThat(save(conversation, alice, "x".repeat(4000)).status()).isEqualTo(200);
        assertProblem(put(conversation, alice, Map.of()), 400);
        assertProblem(put(conversation, alice, "{\"body\":42}"), 400);
        assertProblem(put(conversation, alice, "{\"body\":\"a\\u0000b\"}"), 400);
        assertProblem(save(conversation, alice, "x".repeat(70_000)), 413);
        assertProblem(http.get("/api/conversations/nope/draft", alice.token()), 400);
        assertThat(get(conversation, alice).json().get("body").asString()).isEqualTo("x".repeat(4000));
    }

    @Test
    void leavingTheConversationOrItsDeletionTakesTheDraftAway() {
        User alice = user();
        User bob = user();
        UUID left = conversationOf(alice, bob);
        UUID deleted = conversationOf(alice, bob);
        UUID stays = conversationOf(alice, bob);
        for (UUID c : List.of(left, deleted, stays)) {
            save(c, alice, "draft of " + c);
        }

        applied(new MemberLeft(left, alice.id(), "LEFT", Instant.now()));
        applied(new ConversationDeleted(deleted, bob.id(), Instant.now()));

        assertThat(listedConversations(list(alice))).containsExactly(stays.toString());
        assertProblem(get(left, alice), 404);
        assertThat(jdbc.queryForObject("select count(*) from drafts where user_id = ?", Integer.class, alice.id()))
                .isEqualTo(1);
    }

    @Test
    void theListIsTheCallersNewestFirst() {
        User alice = user();
        User bob = user();
        UUID older = conversationOf(alice, bob);
        UUID newer = conversationOf(alice, bob);
        save(older, alice, "older");
        save(newer, alice, "newer");
        save(newer, bob, "bob's");

        assertThat(listedConversations(list(alice))).containsExactly(newer.toString(), older.toString());
        assertThat(list(alice).get("items").valueStream().map(d -> d.get("body").asString()))
                .containsExactly("newer", "older");
        assertThat(listedConversations(list(bob))).containsExactly(newer.toString());
    }
}
