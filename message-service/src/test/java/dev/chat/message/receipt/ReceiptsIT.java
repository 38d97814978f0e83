package dev.chat.message.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.ReadCursorMoved;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.message.testing.MoreHttp;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReceiptsIT extends IntegrationTest {

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    private Http.Response receipt(UUID conversation, User user, Map<String, Object> body) {
        return MoreHttp.put(port, "/api/conversations/" + conversation + "/receipt", user.token(), body);
    }

    private Http.Response markUnread(UUID conversation, User user, String messageId) {
        return http.post("/api/conversations/" + conversation + "/receipt/unread", user.token(),
                Map.of("messageId", messageId));
    }

    private JsonNode unreadOf(User user, UUID conversation) {
        Http.Response r = http.get("/api/messages/unread", user.token());
        assertThat(r.status()).isEqualTo(200);
        return r.json().path("items").valueStream()
                .filter(i -> i.path("conversationId").asString().equals(conversation.toString()))
                .findFirst().orElse(null);
    }

    private List<String> sendAll(UUID conversation, User sender, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Http.Response r = send(conversation, sender, "c-" + UUID.randomUUID(), "m" + i);
            assertThat(r.status()).isEqualTo(201);
            ids.add(r.json().path("id").asString());
        }
        return ids;
    }


    private static List<ReadCursorMoved> moves(List<EventEnvelope<ChatEvent>> events, UUID user, String kind) {
        return events.stream().map(EventEnvelope::payload)
                .filter(e -> e instanceof ReadCursorMoved m && m.userId().equals(user) && m.kind().equals(kind))
                .map(ReadCursorMoved.class::cast).toList();
    }

    @Test
    void readingMovesBothCursorsForwardOnlyAndPublishesEachMove() {
        User alice = user();
        User bob = user();
        UUID conv = conversationOf(alice, bob);
        sendAll(conv, alice, 3);

        JsonNode state = receipt(conv, bob, Map.of("readSeq", 2)).json();
        assertThat(state.path("readSeq").asLong()).isEqualTo(2);
        assertThat(state.path("deliveredSeq").asLong()).as("a read is a delivery").isEqualTo(2);
        assertThat(state.path("unreadCount").asInt()).isEqualTo(1);
        assertThat(state.path("firstUnreadSeq").asLong()).isEqualTo(3);

        JsonNode back = receipt(conv, bob, Map.of("readSeq", 1, "deliveredSeq", 1)).json();
        assertThat(back.path("readSeq").asLong()).as("never backwards").isEqualTo(2);
        assertThat(receipt(conv, bob, Map.of("deliveredSeq", 3)).json().path("deliveredSeq").asLong()).isEqualTo(3);
        JsonNode all = receipt(conv, bob, Map.of("readSeq", 3)).json();
        assertThat(all.path("unreadCount").asInt()).isZero();
        assertThat(all.path("firstUnreadSeq").isNull()).isTrue();

        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.RECEIPTS, conv.toString(),
                seen -> moves(seen, bob.id(), "READ").size() >= 2);
        assertThat(moves(events, bob.id(), "READ")).extracting(ReadCursorMoved::seq).containsExactly(2L, 3L);
        assertThat(moves(events, bob.id(), "DELIVERED")).extracting(ReadCursorMoved::seq)
                .as("a READ move stands for delivered too; the backward move published nothing").containsExactly(3L);
    }

    @Test
    void aSeqPastTheLastChangeOrNoSeqIsRefusedAndWritesNothing() {
        User alice = user();
        User bob = user();
        UUID conv = conversationOf(alice, bob);
        sendAll(conv, alice, 2);

        assertProblem(receipt(conv, bob, Map.of("readSeq", 3)), 400);
        assertProblem(receipt(conv, bob, Map.of("deliveredSeq", 99)), 400);
        assertProblem(receipt(conv, bob, Map.of("readSeq", -1)), 400);
        assertProblem(receipt(conv, bob, Map.of()), 400);
        assertProblem(receipt(conv, bob, Map.of("readSeq", "two")), 400);
        assertThat(jdbc.queryForObject("select count(*) from receipts where conversation_id = ?", Integer.class, conv))
                .isZero();
    }

    @Test
    void nobodyReadsOrWritesTheReceiptsOfAConversationTheyAreNotIn() {
        User alice = user();
        User bob = user();
        User outsider = user();
        UUID conv = conversationOf(alice, bob);
        String first = sendAll(conv, alice, 1).getFirst();

        assertProblem(receipt(conv, outsider, Map.of("readSeq", 1)), 404);
        assertProblem(http.get("/api/conversations/" + conv + "/receipt", outsider.token()), 404);
        assertProblem(http.get("/api/conversations/" + conv + "/receipts", outsider.token()), 404);
        assertProblem(markUnread(conv, outsider, first), 404);
        assertThat(unreadOf(outsider, conv)).isNull();

        UUID other = conversationOf(outsider, user());
        String elsewhere = sendAll(other, outsider, 1).getFirst();
        assertProblem(markUnread(conv, bob, elsewhere), 404); // a message of another conversation
        assertThat(jdbc.queryForObject("select count(*) from receipts where conversation_id = ?", Integer.class, conv))
                .isZero();
    }

    @Test
    void unreadCountsOnlyOthersLiveMessagesAfterTheCursorUpToTheCap() {
        User alice = user();
        User bob = user();
        UUID conv = conversationOf(alice, bob);
        List<String> ids = sendAll(conv, alice, 3);
        sendAll(conv, bob, 2); // bob's own: never unread for bob
        assertThat(delete(conv, alice, ids.get(1)).status()).isEqualTo(204); // a tombstone is not unread

        JsonNode bobs = unreadOf(bob, conv);
        assertThat(bobs.path("unreadCount").asInt()).isEqualTo(2);
        assertThat(bobs.path("firstUnreadSeq").asLong()).isEqualTo(1);
        assertThat(unreadOf(alice, conv).path("unreadCount").asInt()).isEqualTo(2);

        sendAll(conv, alice, 120);
        JsonNode capped = unreadOf(bob, conv);
        assertThat(capped.path("unreadCount").asInt()).isEqualTo(Receipts.UNREAD_CAP);
        assertThat(http.get("/api/messages/unread", bob.token()).json().path("cap").asInt())
                .isEqualTo(Receipts.UNREAD_CAP);

        receipt(conv, bob, Map.of("readSeq", lastChangeSeq(conv)));
        assertThat(unreadOf(bob, conv)).as("nothing unread: left out of the list").isNull();
    }

    @Test
    void markingUnreadIsPrivateAndTheNextReadPastItClearsIt() {
        User alice = user();
        User bob = user();
        UUID conv = conversationOf(alice, bob);
        List<String> ids = sendAll(conv, alice, 3);
        receipt(conv, bob, Map.of("readSeq", 3));

        JsonNode marked = markUnread(conv, bob, ids.get(1)).json();
        assertThat(marked.path("unreadFromSeq").asLong()).isEqualTo(2);
        assertThat(marked.path("unreadCount").asInt()).isEqualTo(2);
        assertThat(marked.path("firstUnreadSeq").asLong()).isEqualTo(2);
        assertThat(marked.path("readSeq").asLong()).as("the read cursor stays").isEqualTo(3);
        JsonNode seenByAlice = http.get("/api/conversations/" + conv + "/receipts", alice.token()).json();
        assertThat(cursorOf(seenByAlice, bob).path("readSeq").asLong()).as("alice still sees it read").isEqualTo(3);
        assertThat(unreadOf(bob, conv).path("unreadCount").asInt()).isEqualTo(2);

        JsonNode cleared = receipt(conv, bob, Map.of("readSeq", 3)).json();
        assertThat(cleared.path("unreadFromSeq").isNull()).isTrue();
        assertThat(cleared.path("unreadCount").asInt()).isZero();
        assertThat(unreadOf(bob, conv)).isNull();
    }

    private static JsonNode cursorOf(JsonNode list, User user) {
        return list.path("items").valueStream().filter(i -> i.path("userId").asString().equals(user.id().toString()))
                .findFirst().orElseThrow();
    }

    @Test
    void theCursorListShowsCurrentMembersOnlyAndDerivesReadBy() {
        User alice = user();
        User bob = user();
        User carol = user();
        UUID conv = conversationOf(alice, bob, carol);
        sendAll(conv, alice, 4);
        receipt(conv, bob, Map.of("readSeq", 4));
        receipt(conv, carol, Map.of("readSeq", 2, "deliveredSeq", 4));

        JsonNode list = http.get("/api/conversations/" + conv + "/receipts", alice.token()).json();
        assertThat(list.path("truncated").asBoolean()).isFalse();
        assertThat(list.path("items").size()).isEqualTo(3);
        assertThat(cursorOf(list, bob).path("readSeq").asLong()).isEqualTo(4);
        assertThat(cursorOf(list, carol).path("readSeq").asLong()).isEqualTo(2);
        assertThat(cursorOf(list, carol).path("deliveredSeq").asLong()).isEqualTo(4);
        assertThat(cursorOf(list, alice).path("readSeq").asLong()).isZero();

        applied(new MemberLeft(conv, carol.id(), "LEFT", Instant.now()));
        JsonNode after = http.get("/api/conversations/" + conv + "/receipts", alice.token()).json();
        assertThat(after.path("items").valueStream().map(i -> i.path("userId").asString()))
                .containsExactlyInAnyOrder(alice.id().toString(), bob.id().toString());
    }

    @Test
    void aMemberWhoJoinsLaterFindsTheEarlierHistoryRead() {
        User alice = user();
        User dave = user();
        UUID conv = conversationOf(alice, user());
        sendAll(conv, alice, 3);

        applied(new MemberJoined(conv, dave.id(), "MEMBER", Instant.now()));
        JsonNode joined = http.get("/api/conversations/" + conv + "/receipt", dave.token()).json();
        assertThat(joined.path("readSeq").asLong()).isEqualTo(3);
        assertThat(joined.path("unreadCount").asInt()).isZero();

        sendAll(conv, alice, 2);
        assertThat(unreadOf(dave, conv).path("unreadCount").asInt()).isEqualTo(2);
    }

    @Test
    void concurrentMovesEndAtTheHighestAndPublishOnlyIncreasingCursors() throws Exception {
        User alice = user();
        User bob = user();
        UUID conv = conversationOf(alice, bob);
        sendAll(conv, alice, 40);
        List<Long> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                long seq = ThreadLocalRandom.current().nextLong(1, 41);
                sent.add(seq);
                results.add(pool.submit(() -> receipt(conv, bob, Map.of("readSeq", seq)).status()));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(200);
            }
        }
        long highest = sent.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(http.get("/api/conversations/" + conv + "/receipt", bob.token()).json().path("readSeq").asLong())
                .isEqualTo(highest);

        List<ReadCursorMoved> reads = moves(Events.awaitKeyed(Topics.RECEIPTS, conv.toString(),
                seen -> moves(seen, bob.id(), "READ").stream().anyMatch(m -> m.seq() == highest)), bob.id(), "READ");
        List<Long> seqs = reads.stream().map(ReadCursorMoved::seq).toList();
        assertThat(seqs).as("each published move is higher than the one before").isSorted().doesNotHaveDuplicates();
        assertThat(seqs.getLast()).isEqualTo(highest);
    }
}
