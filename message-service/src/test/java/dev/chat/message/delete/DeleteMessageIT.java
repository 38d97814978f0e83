package dev.chat.message.delete;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberMuted;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
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

class DeleteMessageIT extends IntegrationTest {

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    /** A group (owner, admin, two members) and a direct conversation, and an outsider. */
    record Scene(Group group, UUID direct, User dmAuthor, User dmPartner, User outsider) {

        User user(String who) {
            return switch (who) {
                case "owner" -> group.owner();
                case "admin" -> group.admin();
                case "member" -> group.member();
                case "other member" -> group.otherMember();
                case "dm author" -> dmAuthor;
                case "dm partner" -> dmPartner;
                case "outsider" -> outsider;
                default -> throw new IllegalArgumentException(who);
            };
        }

        UUID conversationOf(String author) {
            return author.startsWith("dm") ? direct : group.id();
        }

        MemberMuted mute(String who) {
            return new MemberMuted(group.id(), user(who).id(), group.owner().id(), "shh", null, Instant.now());
        }

        ConversationUpdated update(boolean readOnly, boolean archived) {
            return new ConversationUpdated(group.id(), group.owner().id(), "t", null, null, null,
                    ConversationCreated.PRIVATE, null, readOnly, archived, Instant.now());
        }
    }

    static Arguments rule(String author, String deleter, Function<Scene, List<ChatEvent>> then, int status,
                          @Nullable String detail) {
        return Arguments.of(deleter + " deletes a message of " + author, author, deleter, then, status, detail);
    }

    static Stream<Arguments> rules() {
        Function<Scene, List<ChatEvent>> nothing = s -> List.of();
        return Stream.of(
                rule("member", "member", nothing, 204, null),
                rule("member", "other member", nothing, 403, MessageDeleter.NOT_ALLOWED),
                rule("member", "admin", nothing, 204, null),
                rule("member", "owner", nothing, 204, null),
                rule("admin", "owner", nothing, 204, null),
                rule("owner", "admin", nothing, 403, MessageDeleter.NOT_OUTRANKED),
                rule("owner", "owner", nothing, 204, null),
                rule("admin", "member", nothing, 403, MessageDeleter.NOT_ALLOWED),
                rule("member", "member", s -> List.of(s.mute("member")), 204, null), // a muted author still deletes
                rule("member", "member", s -> List.of(s.update(true, false)), 204, null), // read-only: still
                rule("member", "member", s -> List.of(s.update(false, true)), 409, "this conversation is archived"),
                rule("member", "owner", s -> List.of(s.update(false, true)), 409, "this conversation is archived"),
                rule("member", "outsider", nothing, 404, null),
                rule("dm author", "dm author", nothing, 204, null),
                rule("dm author", "dm partner", nothing, 403, MessageDeleter.NOT_ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theAuthorOrAnOutrankingModeratorDeletes(String name, String author, String deleter,
                                                 Function<Scene, List<ChatEvent>> then, int status,
                                                 @Nullable String detail) {
        Scene scene = scene();
        UUID conversation = scene.conversationOf(author);
        String id = send(conversation, scene.user(author), "c-1", "secret").json().get("id").asString();
        List<ChatEvent> events = then.apply(scene);
        if (!events.isEmpty()) {
            applied(events.toArray(ChatEvent[]::new));
        }

        Http.Response deleted = delete(conversation, scene.user(deleter), id);

        assertThat(deleted.status()).as(name + ": " + deleted).isEqualTo(status);
        if (status == 204) {
            assertThat(deleted.body()).isEmpty();
            JsonNode tombstone = history(conversation, scene.user(author), "").json().get("items").get(0);
            assertThat(tombstone.get("body").asString()).isEmpty();
            assertThat(tombstone.get("deletedAt").isNull()).isFalse();
            assertThat(tombstone.get("deletedBy").asString()).isEqualTo(scene.user(deleter).id().toString());
            assertThat(lastChangeSeq(conversation)).isEqualTo(2);
        } else {
            assertThat(deleted.contentType()).startsWith("application/problem+json");
            if (detail != null) {
                assertThat(deleted.json().get("detail").asString()).as(name).isEqualTo(detail);
            }
            assertThat(lastChangeSeq(conversation)).as("no number taken").isEqualTo(1);
            assertThat(jdbc.queryForMap("select body, deleted_at from messages where id = ?::uuid", id))
                    .containsEntry("body", "secret").containsEntry("deleted_at", null);
        }
    }

    @Test
    void aTombstoneKeepsItsPositionAndItsTextLeavesHistoryEditsAndTheFeed() {
        Group g = groupWithRoles();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(send(g.id(), g.member(), "c-" + i, "message " + i).json().get("id").asString());
        }
        assertThat(edit(g.id(), g.member(), ids.get(1), "edited secret").status()).isEqualTo(200);

        assertThat(delete(g.id(), g.admin(), ids.get(1)).status()).isEqualTo(204);

        JsonNode items = history(g.id(), g.otherMember(), "").json().get("items");
        assertThat(items).extracting(m -> m.get("seq").asLong()).containsExactly(1L, 2L, 3L);
        JsonNode tombstone = items.get(1);
        assertThat(tombstone.get("id").asString()).isEqualTo(ids.get(1));
        assertThat(tombstone.get("body").asString()).isEmpty();
        assertThat(tombstone.get("editedAt").isNull()).as("it was edited before").isFalse();
        assertThat(tombstone.get("deletedBy").asString()).isEqualTo(g.admin().id().toString());
        assertThat(items.get(0).get("deletedAt").isNull()).isTrue();
        assertThat(items.get(0).get("deletedBy").isNull()).isTrue();
        assertThat(history(g.id(), g.owner(), "afterSeq=1&limit=1").json().get("items").get(0)).isEqualTo(tombstone);

        JsonNode edits = http.get("/api/conversations/" + g.id() + "/messages/" + ids.get(1) + "/edits",
                g.member().token()).json();
        assertThat(edits.get("items")).as("the history goes with the text").isEmpty();

        String feed = changes(g.id(), g.member(), "").body();
        assertThat(feed).doesNotContain("secret").doesNotContain("message 2").contains("message 1", "message 3");
        assertThat(jdbc.queryForObject("select count(*) from message_changes where conversation_id = ?"
                + " and payload::text like '%secret%'", Integer.class, g.id())).isZero();

        JsonNode latest = http.get("/api/messages/latest?conversationIds=" + g.id(), g.member().token()).json();
        assertThat(latest.get("items").get(0).get("message").get("seq").asLong()).isEqualTo(3);
    }

    @Test
    void deletingTwiceAnswersTheSameAndPublishesOnce() {
        Group g = groupWithRoles();
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            send(g.id(), g.member(), "c-1", "one");
            String id = send(g.id(), g.member(), "c-2", "two").json().get("id").asString();

            Http.Response first = delete(g.id(), g.member(), id);
            Http.Response again = delete(g.id(), g.member(), id);
            Http.Response byTheOwner = delete(g.id(), g.owner(), id);
            send(g.id(), g.member(), "c-3", "marker");

            assertThat(first.status()).isEqualTo(204);
            assertThat(again.status()).isEqualTo(204);
            assertThat(byTheOwner.status()).isEqualTo(204);
            assertThat(lastChangeSeq(g.id())).isEqualTo(4);
            assertThat(jdbc.queryForObject("select deleted_by from messages where id = ?::uuid", UUID.class, id))
                    .as("the first delete stands").isEqualTo(g.member().id());

            List<EventEnvelope<ChatEvent>> events = tail.awaitKeyed(g.id().toString(), seen -> seen.size() >= 4);
            assertThat(events).extracting(e -> e.payload().getClass().getSimpleName())
                    .containsExactly("MessageCreated", "MessageCreated", "MessageDeleted", "MessageCreated");
            var deleted = (MessageDeleted) events.get(2).payload();
            assertThat(deleted.seq()).isEqualTo(3);
            assertThat(deleted.messageSeq()).isEqualTo(2);
            assertThat(deleted.messageId().toString()).isEqualTo(id);
            assertThat(deleted.deletedBy()).isEqualTo(g.member().id());
            assertThat(deleted.deletedAt().toString()).isEqualTo(
                    history(g.id(), g.member(), "").json().get("items").get(1).get("deletedAt").asString());
            assertThat(((MessageCreated) events.get(3).payload()).seq()).isEqualTo(4);
        }
    }

    @Test
    void theRepeatOfADeleteThatSucceededBeforeTheArchiveStillAnswersNoContent() {
        Group g = groupWithRoles();
        String id = send(g.id(), g.member(), "c-1", "one").json().get("id").asString();
        assertThat(delete(g.id(), g.member(), id).status()).isEqualTo(204);
        applied(new ConversationUpdated(g.id(), g.owner().id(), "t", null, null, null, ConversationCreated.PRIVATE,
                null, false, true, Instant.now()));

        assertThat(delete(g.id(), g.member(), id).status()).isEqualTo(204);
        assertThat(delete(g.id(), g.otherMember(), id).status()).isEqualTo(409);
        assertThat(lastChangeSeq(g.id())).isEqualTo(2);
    }

    @Test
    void unknownMessagesAndMessagesOfOtherConversationsAreNotFound() {
        Group g = groupWithRoles();
        UUID elsewhere = conversationOf(g.owner(), user());
        String foreign = send(elsewhere, g.owner(), "c-1", "elsewhere").json().get("id").asString();

        assertThat(delete(g.id(), g.owner(), foreign).status()).isEqualTo(404);
        assertThat(delete(g.id(), g.owner(), UUID.randomUUID().toString()).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select deleted_at is null from messages where id = ?::uuid", Boolean.class,
                foreign)).isTrue();
    }

    @Test
    void aSendRetryOfADeletedMessageStillGetsTheStoredMessage() {
        Group g = groupWithRoles();
        Http.Response sent = send(g.id(), g.member(), "c-1", "oops");
        delete(g.id(), g.member(), sent.json().get("id").asString());

        Http.Response retry = send(g.id(), g.member(), "c-1", "oops");

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("id")).isEqualTo(sent.json().get("id"));
        assertThat(retry.json().get("deletedAt").isNull()).isFalse();
    }

    private Scene scene() {
        User a = user();
        User b = user();
        return new Scene(groupWithRoles(), direct(a, b), a, b, user());
    }
}
