package dev.chat.message.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberMuted;
import dev.chat.events.MessageCreated;
import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.message.testing.MoreHttp;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ReactionsIT extends IntegrationTest {

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    @Test
    void addingAndRemovingTakeTheNextSeqOnceAndPublishWithTheMessagesPosition() {
        Group g = groupWithRoles();
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            send(g.id(), g.owner(), "c-1", "one");
            String id = send(g.id(), g.owner(), "c-2", "two").json().get("id").asString();

            Http.Response added = react(g.id(), g.member(), id, "👍", true);
            Http.Response addedAgain = react(g.id(), g.member(), id, "👍", true);
            Http.Response removed = react(g.id(), g.member(), id, "👍", false);
            Http.Response removedAgain = react(g.id(), g.member(), id, "👍", false);
            Http.Response neverAdded = react(g.id(), g.member(), id, "🎉", false);
            send(g.id(), g.owner(), "c-3", "marker");

            for (Http.Response r : List.of(added, addedAgain, removed, removedAgain, neverAdded)) {
                assertThat(r.status()).as(r.toString()).isEqualTo(204);
                assertThat(r.body()).isEmpty();
            }
            assertThat(lastChangeSeq(g.id())).as("a repeat changes nothing").isEqualTo(5);
            List<EventEnvelope<ChatEvent>> events = tail.awaitKeyed(g.id().toString(), seen -> seen.size() >= 5);
            assertThat(events).extracting(e -> e.payload().getClass().getSimpleName()).containsExactly(
                    "MessageCreated", "MessageCreated", "ReactionAdded", "ReactionRemoved", "MessageCreated");
            assertThat(events).extracting(EventEnvelope::topic).containsOnly(Topics.MESSAGES);
            var add = (ReactionAdded) events.get(2).payload();
            assertThat(add.seq()).isEqualTo(3);
            assertThat(add.messageSeq()).isEqualTo(2);
            assertThat(add.messageId().toString()).isEqualTo(id);
            assertThat(add.userId()).isEqualTo(g.member().id());
            assertThat(add.emoji()).isEqualTo("👍");
            var remove = (ReactionRemoved) events.get(3).payload();
            assertThat(remove.seq()).isEqualTo(4);
            assertThat(remove.messageSeq()).isEqualTo(2);
            assertThat(remove.emoji()).isEqualTo("👍");
            assertThat(((MessageCreated) events.get(4).payload()).seq()).isEqualTo(5);

            assertThat(changes(g.id(), g.member(), "after=2").json().get("changes"))
                    .extracting(c -> c.get("type").asString() + "@" + c.get("seq").asLong() + "/" + c.get("messageSeq"))
                    .containsExactly("reaction.added@3/2", "reaction.removed@4/2", "message.created@5/null");
        }
    }

    @Test
    void reactionsAreCountedPerEmojiWithMeForEachCallerInTheOrderTheirEmojiFirstCame() {
        Group g = groupWithRoles();
        String first = send(g.id(), g.owner(), "c-1", "first").json().get("id").asString();
        String id = send(g.id(), g.owner(), "c-2", "reacted").json().get("id").asString();
        react(g.id(), g.admin(), id, "🎉", true);
        react(g.id(), g.member(), id, "👍", true);
        react(g.id(), g.otherMember(), id, "👍", true);
        react(g.id(), g.member(), id, "👍", true); // one per member and emoji
        react(g.id(), g.member(), id, "❤️", true);
        react(g.id(), g.owner(), first, "🇫🇷", true);

        assertThat(reactionsOf(history(g.id(), g.member(), "").json().get("items").get(1)))
                .containsExactly("🎉 1", "👍 2 me", "❤️ 1 me");
        assertThat(reactionsOf(history(g.id(), g.otherMember(), "").json().get("items").get(1)))
                .containsExactly("🎉 1", "👍 2 me", "❤️ 1");
        assertThat(reactionsOf(history(g.id(), g.owner(), "").json().get("items").get(0))).containsExactly("🇫🇷 1 me");

        // an emoji keeps its place while someone still reacts with it; one that went away comes back last
        react(g.id(), g.member(), id, "👍", false);
        react(g.id(), g.admin(), id, "🎉", false);
        react(g.id(), g.owner(), id, "🎉", true);
        assertThat(reactionsOf(history(g.id(), g.member(), "").json().get("items").get(1)))
                .containsExactly("👍 1", "❤️ 1 me", "🎉 1");

        // every answer that shows the message shows them: around, latest, a send's retry, the pins list
        List<String> expected = List.of("👍 1", "❤️ 1 me", "🎉 1");
        assertThat(reactionsOf(history(g.id(), g.member(), "around=2").json().get("items").get(1)))
                .containsExactlyElementsOf(expected);
        JsonNode latest = http.get("/api/messages/latest?conversationIds=" + g.id(), g.member().token()).json();
        assertThat(reactionsOf(latest.get("items").get(0).get("message"))).containsExactlyElementsOf(expected);
        Http.Response retry = send(g.id(), g.owner(), "c-2", "reacted");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(reactionsOf(retry.json())).containsExactly("👍 1", "❤️ 1", "🎉 1 me");
        assertThat(pin(g.id(), g.owner(), id, true).status()).isEqualTo(204);
        JsonNode pins = http.get("/api/conversations/" + g.id() + "/pins", g.member().token()).json();
        assertThat(reactionsOf(pins.get("items").get(0))).containsExactlyElementsOf(expected);
        Http.Response edited = edit(g.id(), g.owner(), id, "reacted, edited");
        assertThat(reactionsOf(edited.json())).containsExactly("👍 1", "❤️ 1", "🎉 1 me");
        assertThat(edited.json().get("pinnedBy").asString()).isEqualTo(g.owner().id().toString());

        Http.Response fresh = send(g.id(), g.owner(), "c-3", "new");
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.json().get("reactions")).isEmpty();
        assertThat(fresh.json().get("pinnedAt").isNull()).isTrue();
        assertThat(fresh.json().get("pinnedBy").isNull()).isTrue();
    }

    static Stream<Arguments> badEmojis() {
        return Stream.of(
                Arguments.of("a letter", "a"),
                Arguments.of("a word", "thumbsup"),
                Arguments.of("a shortcode", ":+1:"),
                Arguments.of("a digit", "1"),
                Arguments.of("digits only", "123"),
                Arguments.of("a hash", "#"),
                Arguments.of("a space", " "),
                Arguments.of("an emoji and a space", "👍 "),
                Arguments.of("a tab", "\t"),
                Arguments.of("a control character", "\u0007"),
                Arguments.of("an emoji and a letter", "👍a"),
                Arguments.of("a text smiley", ":)"),
                Arguments.of("punctuation", "!"),
                Arguments.of("a CJK character", "字"),
                Arguments.of("a lone regional indicator", "🇫"),
                Arguments.of("only a joiner", "\u200D"),
                Arguments.of("only a variation selector", "\uFE0F"),
                Arguments.of("more than 32 characters", "👍".repeat(17)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEmojis")
    void whatIsNotAnEmojiIsRefused(String name, String emoji) {
        Group g = groupWithRoles();
        String id = send(g.id(), g.owner(), "c-1", "one").json().get("id").asString();

        for (boolean add : List.of(true, false)) {
            Http.Response r = react(g.id(), g.member(), id, emoji, add);
            assertThat(r.status()).as(name + ": " + r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(lastChangeSeq(g.id())).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"👍", "❤️", "👍🏽", "🇫🇷", "1️⃣", "#️⃣", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "ℹ️", "☺"})
    void emojiSequencesAreAccepted(String emoji) {
        Group g = groupWithRoles();
        String id = send(g.id(), g.owner(), "c-1", "one").json().get("id").asString();

        assertThat(react(g.id(), g.member(), id, emoji, true).status()).isEqualTo(204);

        assertThat(history(g.id(), g.member(), "").json().get("items").get(0).get("reactions").get(0)
                .get("emoji").asString()).isEqualTo(emoji);
    }

    @Test
    void anEmptyEmojiIsNoReaction() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.owner(), "c-1", "one").json().get("id").asString();

        Http.Response r = MoreHttp.put(port, "/api/conversations/" + g.id() + "/messages/" + id + "/reactions/",
                g.member().token());

        assertThat(r.status()).isIn(404, 405);
        assertThat(lastChangeSeq(g.id())).isEqualTo(1);
    }

    @Test
    void aMutedMemberDoesNotReactButEveryMemberReactsInAReadOnlyChannel() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.owner(), "c-1", "announcement").json().get("id").asString();
        react(g.id(), g.member(), id, "🎉", true);
        applied(new ConversationUpdated(g.id(), g.owner().id(), "t", null, null, null, ConversationCreated.PRIVATE,
                null, true, false, Instant.now()));

        Http.Response plainMember = react(g.id(), g.otherMember(), id, "👍", true);
        Http.Response postInstead = send(g.id(), g.otherMember(), "c-2", "may I?");

        assertThat(plainMember.status()).as("read-only: " + plainMember).isEqualTo(204);
        assertThat(postInstead.status()).as("still no posting").isEqualTo(403);

        applied(new MemberMuted(g.id(), g.member().id(), g.owner().id(), "shh", null, Instant.now()));
        Http.Response muted = react(g.id(), g.member(), id, "👍", true);
        Http.Response mutedRemoves = react(g.id(), g.member(), id, "🎉", false);
        Http.Response mutedRepeats = react(g.id(), g.member(), id, "🎉", true);

        assertThat(muted.status()).isEqualTo(403);
        assertThat(muted.json().get("detail").asString()).isEqualTo("you are muted in this conversation");
        assertThat(mutedRemoves.status()).isEqualTo(403);
        assertThat(mutedRepeats.status()).as("the repeat of a reaction made before the mute").isEqualTo(204);
        assertThat(reactionsOf(history(g.id(), g.owner(), "").json().get("items").get(0)))
                .containsExactly("🎉 1", "👍 1");
        assertThat(lastChangeSeq(g.id())).isEqualTo(3);
    }

    @Test
    void anArchivedConversationTakesNoReactions() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.owner(), "c-1", "one").json().get("id").asString();
        react(g.id(), g.member(), id, "👍", true);
        applied(new ConversationUpdated(g.id(), g.owner().id(), "t", null, null, null, ConversationCreated.PRIVATE,
                null, false, true, Instant.now()));

        assertThat(react(g.id(), g.member(), id, "🎉", true).status()).isEqualTo(409);
        assertThat(react(g.id(), g.member(), id, "👍", false).status()).isEqualTo(409);
        assertThat(react(g.id(), g.member(), id, "👍", true).status()).as("a repeat").isEqualTo(204);
        assertThat(lastChangeSeq(g.id())).isEqualTo(2);
    }

    @Test
    void outsidersUnknownMessagesAndDeletedMessages() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.owner(), "c-1", "one").json().get("id").asString();
        String gone = send(g.id(), g.owner(), "c-2", "two").json().get("id").asString();
        react(g.id(), g.member(), gone, "👍", true);
        pin(g.id(), g.owner(), gone, true);
        assertThat(delete(g.id(), g.owner(), gone).status()).isEqualTo(204);
        UUID elsewhere = conversationOf(g.owner(), user());
        String foreign = send(elsewhere, g.owner(), "c-1", "elsewhere").json().get("id").asString();
        long before = lastChangeSeq(g.id());

        Http.Response outsider = react(g.id(), user(), id, "👍", true);
        Http.Response unknown = react(g.id(), g.member(), UUID.randomUUID().toString(), "👍", true);
        Http.Response otherConversation = react(g.id(), g.owner(), foreign, "👍", true);
        Http.Response deleted = react(g.id(), g.member(), gone, "🎉", true);
        Http.Response deletedRemove = react(g.id(), g.member(), gone, "👍", false);

        assertThat(outsider.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(otherConversation.status()).isEqualTo(404);
        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deletedRemove.status()).isEqualTo(409);
        assertThat(lastChangeSeq(g.id())).isEqualTo(before);
        JsonNode tombstone = history(g.id(), g.member(), "").json().get("items").get(1);
        assertThat(tombstone.get("reactions")).as("a tombstone has no reactions").isEmpty();
        assertThat(tombstone.get("pinnedAt").isNull()).as("nor a pin").isTrue();
        assertThat(http.get("/api/conversations/" + g.id() + "/pins", g.member().token()).json().get("items"))
                .isEmpty();
    }

    @Test
    void aMemberTheProjectionDoesNotListYetReactsOnceConversationServiceConfirms() {
        User owner = user();
        UUID conversation = conversationOf(owner);
        String id = send(conversation, owner, "c-1", "one").json().get("id").asString();
        User newcomer = user();
        CONVERSATIONS.addMember(conversation, newcomer.id());

        assertThat(react(conversation, newcomer, id, "👋", true).status()).isEqualTo(204);
        assertThat(reactionsOf(history(conversation, owner, "").json().get("items").get(0))).containsExactly("👋 1");
    }

    /** "emoji count" and " me" when the caller reacted with it. */
    static List<String> reactionsOf(JsonNode message) {
        return message.get("reactions").valueStream().map(r -> r.get("emoji").asString() + " "
                + r.get("count").asInt() + (r.get("me").asBoolean() ? " me" : "")).toList();
    }
}
