package dev.chat.message.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberMuted;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageEdited;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.message.testing.MoreHttp;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

class EditMessageIT extends IntegrationTest {

    static final String ONLY_THE_AUTHOR = "only the author can edit a message";

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    /** Where a message was posted by {@code author}, and who else is around. */
    record Scene(UUID conversation, User author, @Nullable Group group, User partner, User outsider) {

        ConversationUpdated update(boolean readOnly, boolean archived) {
            return new ConversationUpdated(conversation, group.owner().id(), "t", null, null, null,
                    ConversationCreated.PRIVATE, null, readOnly, archived, Instant.now());
        }

        MemberMuted muteAuthor() {
            return new MemberMuted(conversation, author.id(), group.owner().id(), "calm down", null, Instant.now());
        }
    }

    static Arguments rule(String name, boolean direct, Function<Scene, List<ChatEvent>> then,
                          Function<Scene, User> editor, int status, @Nullable String detail) {
        return Arguments.of(name, direct, then, editor, status, detail);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("the author edits", false, s -> List.of(), Scene::author, 200, null),
                rule("another member does not", false, s -> List.of(), s -> s.group().otherMember(), 403,
                        ONLY_THE_AUTHOR),
                rule("an admin does not", false, s -> List.of(), s -> s.group().admin(), 403, ONLY_THE_AUTHOR),
                rule("the owner does not", false, s -> List.of(), s -> s.group().owner(), 403, ONLY_THE_AUTHOR),
                rule("a muted author does not", false, s -> List.of(s.muteAuthor()), Scene::author, 403,
                        "you are muted in this conversation"),
                rule("the author, a plain member of a channel made read-only, does not", false,
                        s -> List.of(s.update(true, false)), Scene::author, 403,
                        "only the owner and admins post in this channel"),
                rule("the author in an archived conversation does not", false,
                        s -> List.of(s.update(false, true)), Scene::author, 409, "this conversation is archived"),
                rule("an outsider gets not found", false, s -> List.of(), Scene::outsider, 404, null),
                rule("the author of a direct message edits", true, s -> List.of(), Scene::author, 200, null),
                rule("the partner in a direct conversation does not", true, s -> List.of(), Scene::partner, 403,
                        ONLY_THE_AUTHOR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void onlyTheAuthorEditsAndOnlyWhereTheyMayPost(String name, boolean direct, Function<Scene, List<ChatEvent>> then,
                                                   Function<Scene, User> who, int status, @Nullable String detail) {
        Scene scene = scene(direct);
        String id = send(scene.conversation(), scene.author(), "c-1", "original").json().get("id").asString();
        List<ChatEvent> events = then.apply(scene);
        if (!events.isEmpty()) {
            applied(events.toArray(ChatEvent[]::new));
        }

        Http.Response edited = edit(scene.conversation(), who.apply(scene), id, "  changed  ");

        assertThat(edited.status()).as(name + ": " + edited).isEqualTo(status);
        if (status == 200) {
            assertThat(edited.json().get("body").asString()).isEqualTo("changed");
            assertThat(edited.json().get("editedAt").isNull()).isFalse();
            assertThat(edited.json().get("seq").asLong()).as("the message keeps its position").isEqualTo(1);
            assertThat(lastChangeSeq(scene.conversation())).isEqualTo(2);
            assertThat(changeKinds(scene.conversation())).containsExactly("CREATED", "EDITED");
        } else {
            assertThat(edited.contentType()).startsWith("application/problem+json");
            if (detail != null) {
                assertThat(edited.json().get("detail").asString()).as(name).isEqualTo(detail);
            }
            assertThat(lastChangeSeq(scene.conversation())).as("no number taken").isEqualTo(1);
            assertThat(changeKinds(scene.conversation())).containsExactly("CREATED");
            assertThat(jdbc.queryForObject("select body from messages where id = ?::uuid", String.class, id))
                    .isEqualTo("original");
            assertThat(jdbc.queryForObject("select count(*) from message_edits where message_id = ?::uuid",
                    Integer.class, id)).isZero();
        }
    }

    @Test
    void editsKeepTheReplacedBodiesOldestFirstAndPublishEachOnceWithItsOwnNumber() {
        Group g = groupWithRoles();
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            JsonNode sent = send(g.id(), g.member(), "c-1", "first").json();
            String id = sent.get("id").asString();

            Http.Response second = edit(g.id(), g.member(), id, "second");
            Http.Response third = edit(g.id(), g.member(), id, "third");
            Http.Response repeat = edit(g.id(), g.member(), id, "third");
            send(g.id(), g.member(), "c-2", "marker");

            assertThat(second.status()).isEqualTo(200);
            assertThat(third.status()).isEqualTo(200);
            assertThat(repeat.status()).as("the same body again").isEqualTo(200);
            assertThat(repeat.json()).as("changes nothing").isEqualTo(third.json());
            assertThat(lastChangeSeq(g.id())).isEqualTo(4);

            JsonNode history = http.get(editsPath(g.id(), id), g.admin().token()).json();
            assertThat(history.get("messageId").asString()).isEqualTo(id);
            assertThat(history.get("items")).hasSize(2);
            assertThat(history.get("items").get(0).get("previousBody").asString()).isEqualTo("first");
            assertThat(history.get("items").get(0).get("seq").asLong()).isEqualTo(2);
            assertThat(history.get("items").get(0).get("editedAt").asString())
                    .isEqualTo(second.json().get("editedAt").asString());
            assertThat(history.get("items").get(1).get("previousBody").asString()).isEqualTo("second");
            assertThat(history.get("items").get(1).get("seq").asLong()).isEqualTo(3);

            JsonNode loaded = history(g.id(), g.otherMember(), "").json().get("items").get(0);
            assertThat(loaded).isEqualTo(third.json());
            assertThat(loaded.get("editedAt").asString()).isEqualTo(third.json().get("editedAt").asString());
            assertThat(loaded.get("createdAt")).isEqualTo(sent.get("createdAt"));

            List<EventEnvelope<ChatEvent>> events = tail.awaitKeyed(g.id().toString(), seen -> seen.size() >= 4);
            assertThat(events).extracting(e -> e.payload().getClass().getSimpleName())
                    .containsExactly("MessageCreated", "MessageEdited", "MessageEdited", "MessageCreated");
            var edit = (MessageEdited) events.get(2).payload();
            assertThat(edit.seq()).isEqualTo(3);
            assertThat(edit.messageSeq()).isEqualTo(1);
            assertThat(edit.messageId().toString()).isEqualTo(id);
            assertThat(edit.body()).isEqualTo("third");
            assertThat(edit.editedBy()).isEqualTo(g.member().id());
            assertThat(edit.editedAt().toString()).isEqualTo(third.json().get("editedAt").asString());
            assertThat(((MessageCreated) events.get(3).payload()).seq()).isEqualTo(4);
        }
    }

    @Test
    void aNeverEditedMessageHasAnEmptyHistoryAndNonMembersAndUnknownMessagesGetNotFound() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.member(), "c-1", "hi").json().get("id").asString();
        UUID elsewhere = conversationOf(g.member(), user());
        String foreign = send(elsewhere, g.member(), "c-2", "elsewhere").json().get("id").asString();

        Http.Response history = http.get(editsPath(g.id(), id), g.owner().token());

        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("items")).isEmpty();
        assertThat(http.get(editsPath(g.id(), id), user().token()).status()).isEqualTo(404);
        assertThat(http.get(editsPath(g.id(), UUID.randomUUID().toString()), g.owner().token()).status())
                .isEqualTo(404);
        assertThat(http.get(editsPath(g.id(), foreign), g.member().token()).status()).isEqualTo(404);
        assertThat(edit(g.id(), g.member(), foreign, "moved?").status()).isEqualTo(404);
        assertThat(edit(g.id(), g.member(), UUID.randomUUID().toString(), "ghost").status()).isEqualTo(404);
        assertThat(lastChangeSeq(g.id())).isEqualTo(1);
    }

    @Test
    void aDeletedMessageCannotBeEdited() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.member(), "c-1", "hi").json().get("id").asString();
        assertThat(delete(g.id(), g.member(), id).status()).isEqualTo(204);

        Http.Response edited = edit(g.id(), g.member(), id, "back from the dead");

        assertThat(edited.status()).isEqualTo(409);
        assertThat(edited.contentType()).startsWith("application/problem+json");
        assertThat(lastChangeSeq(g.id())).isEqualTo(2);
    }

    @Test
    void theRepeatOfAnEditThatSucceededBeforeAMuteStillGetsTheMessage() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.member(), "c-1", "hi").json().get("id").asString();
        Http.Response first = edit(g.id(), g.member(), id, "hello");
        applied(new MemberMuted(g.id(), g.member().id(), g.owner().id(), "shh", null, Instant.now()));

        Http.Response repeat = edit(g.id(), g.member(), id, "hello");
        Http.Response another = edit(g.id(), g.member(), id, "hello again");

        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertThat(another.status()).isEqualTo(403);
        assertThat(lastChangeSeq(g.id())).isEqualTo(2);
    }

    static Stream<Arguments> invalidEdits() {
        return Stream.of(
                Arguments.of("{\"body\":\"   \"}"),
                Arguments.of("{\"body\":\"" + "x".repeat(4001) + "\"}"),
                Arguments.of("{\"body\":\"nul \\u0000 inside\"}"),
                Arguments.of("{}"),
                Arguments.of("{\"body\":42}"),
                Arguments.of("not json"),
                Arguments.of(""));
    }

    @ParameterizedTest
    @MethodSource("invalidEdits")
    void invalidEditsAreBadRequestProblemsAndChangeNothing(String body) {
        Group g = groupWithRoles();
        String id = send(g.id(), g.member(), "c-1", "hi").json().get("id").asString();

        Http.Response response = MoreHttp.patch(port, "/api/conversations/" + g.id() + "/messages/" + id,
                g.member().token(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(lastChangeSeq(g.id())).isEqualTo(1);
    }

    @Test
    void aBodyOfExactlyTheLimitIsAcceptedAfterTrimming() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.member(), "c-1", "hi").json().get("id").asString();

        Http.Response response = edit(g.id(), g.member(), id, " " + "y".repeat(4000) + "\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("body").asString()).hasSize(4000);
    }

    @Test
    void withoutATokenEditingIsUnauthorized() {
        Http.Response r = MoreHttp.patch(port, "/api/conversations/" + UUID.randomUUID() + "/messages/"
                + UUID.randomUUID(), null, Map.of("body", "x"));

        assertThat(r.status()).isEqualTo(401);
    }

    private Scene scene(boolean direct) {
        User outsider = user();
        if (direct) {
            User a = user();
            User b = user();
            return new Scene(direct(a, b), a, null, b, outsider);
        }
        Group g = groupWithRoles();
        return new Scene(g.id(), g.member(), g, g.otherMember(), outsider);
    }

    private List<String> changeKinds(UUID conversation) {
        return jdbc.queryForList("select kind from message_changes where conversation_id = ? order by seq",
                String.class, conversation);
    }

    private static String editsPath(UUID conversation, String messageId) {
        return "/api/conversations/" + conversation + "/messages/" + messageId + "/edits";
    }
}
