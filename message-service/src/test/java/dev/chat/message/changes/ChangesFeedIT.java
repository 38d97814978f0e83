package dev.chat.message.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.Topics;
import dev.chat.events.socket.ServerFrames;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ChangesFeedIT extends IntegrationTest {

    @Autowired
    ChangesRetention retention;

    @Test
    void theFeedListsEveryChangeInOrderShapedAsThePushedFrames() {
        Group g = groupWithRoles();
        User alice = g.owner();
        User bob = g.member();
        UUID conversation = g.id();
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            String m1 = send(conversation, alice, "a-1", "one").json().get("id").asString();
            String m2 = send(conversation, bob, "b-1", "two").json().get("id").asString();
            String m3 = send(conversation, alice, "a-2", "three").json().get("id").asString();
            edit(conversation, alice, m1, "one, edited");
            delete(conversation, alice, m3);
            edit(conversation, bob, m2, "two, edited");
            assertThat(react(conversation, bob, m1, "👍", true).status()).isEqualTo(204);
            assertThat(pin(conversation, alice, m2, true).status()).isEqualTo(204);
            assertThat(react(conversation, bob, m1, "👍", false).status()).isEqualTo(204);
            assertThat(pin(conversation, alice, m2, false).status()).isEqualTo(204);

            Http.Response feed = changes(conversation, bob, "after=0");

            assertThat(feed.status()).isEqualTo(200);
            assertThat(feed.json().get("hasMore").asBoolean()).isFalse();
            assertThat(feed.json().get("reset").asBoolean()).isFalse();
            List<JsonNode> entries = entries(feed);
            assertThat(entries).extracting(e -> e.get("seq").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(entries).extracting(e -> e.get("type").asString()).containsExactly("message.created",
                    "message.created", "message.created", "message.edited", "message.deleted", "message.edited",
                    "reaction.added", "message.pinned", "reaction.removed", "message.unpinned");

            List<EventEnvelope<ChatEvent>> events = tail.awaitKeyed(conversation.toString(), s -> s.size() >= 10);
            for (int i = 0; i < 10; i++) {
                JsonNode pushed = Http.JSON.readTree(frame(events.get(i).payload()));
                ObjectNode entry = (ObjectNode) entries.get(i).deepCopy();
                if (entry.get("message") instanceof ObjectNode message) {
                    // The creation-time message, as pushed: null edit/delete fields, no reactions or pin fields.
                    assertThat(List.of(message.get("editedAt"), message.get("deletedAt"), message.get("deletedBy")))
                            .allMatch(JsonNode::isNull);
                    if (message.get("id").asString().equals(m3)) {
                        // the deleted message's text left the feed
                        assertThat(message.get("body").asString()).isEmpty();
                        ((ObjectNode) pushed.get("message")).put("body", "");
                    }
                }
                assertThat(entry).as("change " + (i + 1)).isEqualTo(pushed);
                assertThat(entry.propertyNames()).containsExactlyElementsOf(pushed.propertyNames());
            }
        }
    }

    @Test
    void theFeedPagesWithHasMoreAndAnUpToDateClientGetsNothing() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());
        for (int i = 1; i <= 5; i++) {
            send(conversation, alice, "c-" + i, "m" + i);
        }
        String id = send(conversation, alice, "c-6", "m6").json().get("id").asString();
        edit(conversation, alice, id, "m6!");

        Http.Response first = changes(conversation, alice, "after=0&limit=3");
        Http.Response second = changes(conversation, alice, "after=3&limit=3");
        Http.Response third = changes(conversation, alice, "after=6&limit=3");
        Http.Response upToDate = changes(conversation, alice, "after=7&limit=3");
        Http.Response ahead = changes(conversation, alice, "after=70");

        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.json().get("hasMore").asBoolean()).isTrue();
        assertThat(seqs(second)).containsExactly(4L, 5L, 6L);
        assertThat(second.json().get("hasMore").asBoolean()).isTrue();
        assertThat(seqs(third)).containsExactly(7L);
        assertThat(third.json().get("hasMore").asBoolean()).isFalse();
        for (Http.Response nothing : List.of(upToDate, ahead)) {
            assertThat(seqs(nothing)).isEmpty();
            assertThat(nothing.json().get("hasMore").asBoolean()).isFalse();
            assertThat(nothing.json().get("reset").asBoolean()).isFalse();
        }
        assertThat(seqs(changes(conversation, alice, ""))).as("after defaults to 0").hasSize(7);
        assertThat(seqs(changes(conversationOf(alice), alice, ""))).as("a conversation without changes").isEmpty();
    }

    @Test
    void aClientBehindTheRetentionIsToldToResetAndTheRestStillCatchUp() {
        User alice = user();
        UUID conversation = conversationOf(alice, user());
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ids.add(send(conversation, alice, "c-" + i, "m" + i).json().get("id").asString());
        }
        edit(conversation, alice, ids.getFirst(), "m1!");
        delete(conversation, alice, ids.get(1)); // seq 8
        // The first five changes happened longer ago than the retention (30 days by default).
        jdbc.update("update message_changes set created_at = now() - interval '31 days'"
                + " where conversation_id = ? and seq <= 5", conversation);

        new ChangesRetention(jdbc, retention.retention(), 2).purge(); // in batches of two

        assertThat(retention.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(jdbc.queryForList("select seq from message_changes where conversation_id = ? order by seq",
                Long.class, conversation)).containsExactly(6L, 7L, 8L);
        for (String query : List.of("after=0", "after=2", "after=4&limit=1")) {
            Http.Response reset = changes(conversation, alice, query);
            assertThat(reset.json().get("reset").asBoolean()).as(query).isTrue();
            assertThat(seqs(reset)).as(query).isEmpty();
            assertThat(reset.json().get("hasMore").asBoolean()).isFalse();
        }
        Http.Response fromTheOldest = changes(conversation, alice, "after=5");
        assertThat(fromTheOldest.json().get("reset").asBoolean()).isFalse();
        assertThat(seqs(fromTheOldest)).containsExactly(6L, 7L, 8L);
        assertThat(changes(conversation, alice, "after=8").json().get("reset").asBoolean()).isFalse();
        assertThat(history(conversation, alice, "").json().get("items")).as("messages stay").hasSize(6);
    }

    @Test
    void anOutsiderGetsNotFound() {
        UUID conversation = conversationOf(user(), user());

        Http.Response response = changes(conversation, user(), "after=0");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"after=-1", "limit=0", "limit=501", "after=x", "limit=y"})
    void impossibleParametersAreBadRequestProblems(String query) {
        User alice = user();
        UUID conversation = conversationOf(alice);

        Http.Response response = changes(conversation, alice, query);

        assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void fiveHundredChangesComeInOnePage() {
        User alice = user();
        UUID conversation = conversationOf(alice);
        send(conversation, alice, "c-1", "one");

        assertThat(changes(conversation, alice, "limit=500").status()).isEqualTo(200);
    }

    private static String frame(ChatEvent event) {
        return switch (event) {
            case MessageCreated c -> ServerFrames.of(c);
            case MessageEdited e -> ServerFrames.of(e);
            case MessageDeleted d -> ServerFrames.of(d);
            case dev.chat.events.ReactionAdded r -> ServerFrames.of(r);
            case dev.chat.events.ReactionRemoved r -> ServerFrames.of(r);
            case dev.chat.events.MessagePinned p -> ServerFrames.of(p);
            case dev.chat.events.MessageUnpinned u -> ServerFrames.of(u);
            default -> throw new AssertionError(event);
        };
    }

    private static List<JsonNode> entries(Http.Response feed) {
        assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        feed.json().get("changes").forEach(entries::add);
        return entries;
    }

    private static List<Long> seqs(Http.Response feed) {
        return entries(feed).stream().map(e -> e.get("seq").asLong()).toList();
    }
}
