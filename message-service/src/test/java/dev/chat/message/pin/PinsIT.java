package dev.chat.message.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberMuted;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class PinsIT extends IntegrationTest {

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    /** A group (owner, admin, two members), a direct conversation of two, an outsider. */
    record Scene(Group group, UUID direct, User dmOne, User dmOther, User outsider) {

        User user(String who) {
            return switch (who) {
                case "owner" -> group.owner();
                case "admin" -> group.admin();
                case "member" -> group.member();
                case "other member" -> group.otherMember();
                case "dm member" -> dmOne;
                case "other dm member" -> dmOther;
                case "outsider" -> outsider;
                default -> throw new IllegalArgumentException(who);
            };
        }

        UUID conversationOf(String who) {
            return who.endsWith("dm member") ? direct : group.id();
        }

        User author(String who) {
            return who.endsWith("dm member") ? dmOne : group.member();
        }
    }

    static Arguments rule(String who, Function<Scene, List<ChatEvent>> then, int status, @Nullable String detail) {
        return Arguments.of(who + " pins" + (detail == null ? "" : " (" + detail + ")"), who, then, status, detail);
    }

    static Stream<Arguments> rules() {
        Function<Scene, List<ChatEvent>> nothing = s -> List.of();
        Function<Scene, List<ChatEvent>> readOnly = s -> List.of(update(s, true, false));
        Function<Scene, List<ChatEvent>> archived = s -> List.of(update(s, false, true));
        return Stream.of(
                rule("owner", nothing, 204, null),
                rule("admin", nothing, 204, null),
                rule("member", nothing, 403, Pinner.NOT_ALLOWED),
                rule("other member", nothing, 403, Pinner.NOT_ALLOWED),
                rule("dm member", nothing, 204, null),
                rule("other dm member", nothing, 204, null),
                rule("outsider", nothing, 404, null),
                rule("admin", s -> List.of(new MemberMuted(s.group().id(), s.group().admin().id(),
                        s.group().owner().id(), "shh", null, Instant.now())), 204, null), // pinning is no posting
                rule("admin", readOnly, 204, null),
                rule("member", readOnly, 403, Pinner.NOT_ALLOWED),
                rule("owner", archived, 409, "this conversation is archived"));
    }

    private static ConversationUpdated update(Scene s, boolean readOnly, boolean archived) {
        return new ConversationUpdated(s.group().id(), s.group().owner().id(), "t", null, null, null,
                ConversationCreated.PRIVATE, null, readOnly, archived, Instant.now());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theOwnerAndAdminsPinAndInADirectConversationBothMembers(String name, String who,
                                                                  Function<Scene, List<ChatEvent>> then, int status,
                                                                  @Nullable String detail) {
        Scene scene = scene();
        UUID conversation = scene.conversationOf(who);
        String id = send(conversation, scene.author(who), "c-1", "pin me").json().get("id").asString();
        List<ChatEvent> events = then.apply(scene);
        if (!events.isEmpty()) {
            applied(events.toArray(ChatEvent[]::new));
        }

        Http.Response pinned = pin(conversation, scene.user(who), id, true);

        assertThat(pinned.status()).as(name + ": " + pinned).isEqualTo(status);
        JsonNode message = history(conversation, scene.author(who), "").json().get("items").get(0);
        if (status == 204) {
            assertThat(pinned.body()).isEmpty();
            assertThat(message.get("pinnedBy").asString()).isEqualTo(scene.user(who).id().toString());
            assertThat(message.get("pinnedAt").isNull()).isFalse();
            assertThat(lastChangeSeq(conversation)).isEqualTo(2);

            Http.Response unpinned = pin(conversation, scene.user(who), id, false);
            assertThat(unpinned.status()).as("the same rules unpin").isEqualTo(204);
            JsonNode after = history(conversation, scene.author(who), "").json().get("items").get(0);
            assertThat(after.get("pinnedAt").isNull()).isTrue();
            assertThat(after.get("pinnedBy").isNull()).isTrue();
            assertThat(lastChangeSeq(conversation)).isEqualTo(3);
        } else {
            assertThat(pinned.contentType()).startsWith("application/problem+json");
            if (detail != null) {
                assertThat(pinned.json().get("detail").asString()).isEqualTo(detail);
            }
            assertThat(message.get("pinnedAt").isNull()).isTrue();
            assertThat(lastChangeSeq(conversation)).as("no number taken").isEqualTo(1);
            if (status == 403) {
                pin(conversation, scene.group().owner(), id, true);
                Http.Response unpin = pin(conversation, scene.user(who), id, false);
                assertThat(unpin.status()).as("nor unpin").isEqualTo(403);
            }
        }
    }

    @Test
    void aMemberTheProjectionDoesNotListYetIsNobodysModerator() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.owner(), "c-1", "one").json().get("id").asString();
        User newcomer = user();
        CONVERSATIONS.addMember(g.id(), newcomer.id());

        Http.Response r = pin(g.id(), newcomer, id, true);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("detail").asString()).isEqualTo(Pinner.NOT_ALLOWED);
        assertThat(lastChangeSeq(g.id())).isEqualTo(1);
    }

    @Test
    void pinningTwiceOrUnpinningAnUnpinnedMessageChangesNothingAndEachChangeIsPublishedOnce() {
        Group g = groupWithRoles();
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            send(g.id(), g.member(), "c-1", "one");
            String id = send(g.id(), g.member(), "c-2", "two").json().get("id").asString();

            List<Http.Response> answers = List.of(pin(g.id(), g.admin(), id, false), pin(g.id(), g.admin(), id, true),
                    pin(g.id(), g.owner(), id, true), pin(g.id(), g.owner(), id, false),
                    pin(g.id(), g.admin(), id, false));
            send(g.id(), g.member(), "c-3", "marker");

            assertThat(answers).extracting(Http.Response::status).containsOnly(204);
            assertThat(lastChangeSeq(g.id())).isEqualTo(5);
            List<EventEnvelope<ChatEvent>> events = tail.awaitKeyed(g.id().toString(), seen -> seen.size() >= 5);
            assertThat(events).extracting(e -> e.payload().getClass().getSimpleName()).containsExactly(
                    "MessageCreated", "MessageCreated", "MessagePinned", "MessageUnpinned", "MessageCreated");
            var pinned = (MessagePinned) events.get(2).payload();
            assertThat(pinned.seq()).isEqualTo(3);
            assertThat(pinned.messageSeq()).isEqualTo(2);
            assertThat(pinned.messageId().toString()).isEqualTo(id);
            assertThat(pinned.pinnedBy()).as("the first pin stands").isEqualTo(g.admin().id());
            var unpinned = (MessageUnpinned) events.get(3).payload();
            assertThat(unpinned.seq()).isEqualTo(4);
            assertThat(unpinned.messageSeq()).isEqualTo(2);
            assertThat(unpinned.unpinnedBy()).isEqualTo(g.owner().id());
            assertThat(((MessageCreated) events.get(4).payload()).seq()).isEqualTo(5);

            List<JsonNode> feed = changes(g.id(), g.member(), "after=2").json().get("changes").valueStream().toList();
            assertThat(feed).extracting(c -> c.get("type").asString())
                    .containsExactly("message.pinned", "message.unpinned", "message.created");
            assertThat(feed.get(0).get("pinnedAt").asString()).isEqualTo(pinned.pinnedAt().toString());
        }
    }

    @Test
    void thePinsListShowsTheNewestPinFirst() {
        Group g = groupWithRoles();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ids.add(send(g.id(), g.member(), "c-" + i, "message " + i).json().get("id").asString());
        }
        pin(g.id(), g.owner(), ids.get(0), true);
        pin(g.id(), g.admin(), ids.get(2), true);
        pin(g.id(), g.owner(), ids.get(1), true);
        assertThat(pinned(g, g.member())).containsExactly(ids.get(1), ids.get(2), ids.get(0));

        pin(g.id(), g.owner(), ids.get(2), false);
        pin(g.id(), g.owner(), ids.get(0), true); // pinned already: keeps its place
        assertThat(pinned(g, g.member())).containsExactly(ids.get(1), ids.get(0));
        pin(g.id(), g.admin(), ids.get(2), true);
        assertThat(pinned(g, g.otherMember())).containsExactly(ids.get(2), ids.get(1), ids.get(0));

        JsonNode first = http.get("/api/conversations/" + g.id() + "/pins", g.member().token()).json()
                .get("items").get(0);
        assertThat(first).isEqualTo(history(g.id(), g.member(), "").json().get("items").get(2));
        assertThat(first.get("pinnedBy").asString()).isEqualTo(g.admin().id().toString());

        assertThat(http.get("/api/conversations/" + g.id() + "/pins", user().token()).status()).isEqualTo(404);
        assertThat(http.get("/api/conversations/" + conversationOf(g.owner()) + "/pins", g.owner().token()).json()
                .get("items")).isEmpty();
    }

    @Test
    void aConversationHoldsAtMostAHundredPinnedMessages() {
        Group g = groupWithRoles();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= Pinner.MAX_PINNED + 1; i++) {
            ids.add(send(g.id(), g.owner(), "c-" + i, "m" + i).json().get("id").asString());
        }
        for (int i = 0; i < Pinner.MAX_PINNED; i++) {
            assertThat(pin(g.id(), g.owner(), ids.get(i), true).status()).isEqualTo(204);
        }
        long before = lastChangeSeq(g.id());

        Http.Response beyond = pin(g.id(), g.owner(), ids.getLast(), true);

        assertThat(beyond.status()).isEqualTo(409);
        assertThat(beyond.json().get("detail").asString()).contains("at most 100 pinned messages");
        assertThat(lastChangeSeq(g.id())).isEqualTo(before);
        assertThat(pin(g.id(), g.owner(), ids.getFirst(), true).status()).as("a repeat is no new pin").isEqualTo(204);
        assertThat(pin(g.id(), g.owner(), ids.getFirst(), false).status()).isEqualTo(204);
        assertThat(pin(g.id(), g.owner(), ids.getLast(), true).status()).isEqualTo(204);
        assertThat(pinned(g, g.owner())).hasSize(Pinner.MAX_PINNED).first().isEqualTo(ids.getLast());
    }

    @Test
    void aDeletedMessageIsNeitherPinnedNorUnpinnedAndItsDeleteUnpinsIt() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.member(), "c-1", "one").json().get("id").asString();
        String other = send(g.id(), g.member(), "c-2", "two").json().get("id").asString();
        pin(g.id(), g.owner(), id, true);
        delete(g.id(), g.member(), id);
        delete(g.id(), g.member(), other);
        long before = lastChangeSeq(g.id());

        assertThat(pin(g.id(), g.owner(), other, true).status()).isEqualTo(409);
        assertThat(pin(g.id(), g.owner(), id, false).status()).isEqualTo(409);
        assertThat(pin(g.id(), g.owner(), UUID.randomUUID().toString(), true).status()).isEqualTo(404);
        assertThat(lastChangeSeq(g.id())).isEqualTo(before);
        assertThat(pinned(g, g.owner())).isEmpty();
    }

    private List<String> pinned(Group g, User reader) {
        return http.get("/api/conversations/" + g.id() + "/pins", reader.token()).json().get("items").valueStream()
                .map(m -> m.get("id").asString()).toList();
    }

    private Scene scene() {
        User a = user();
        User b = user();
        return new Scene(groupWithRoles(), direct(a, b), a, b, user());
    }
}
