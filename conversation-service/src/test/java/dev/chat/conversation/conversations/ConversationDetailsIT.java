package dev.chat.conversation.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.conversation.IntegrationTest;
import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.MemberPreferencesChanged;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** PATCH /api/conversations/{id}: each field, absent against null, who may, and what is refused. */
class ConversationDetailsIT extends IntegrationTest {

    private static final List<String> DETAILS = List.of("title", "description", "topic", "avatarMediaId",
            "visibility", "slug", "readOnly", "archived");
    private static final String AVATAR = UUID.randomUUID().toString();

    /** A channel with every detail set, as the owner sees it. */
    private JsonNode fullChannel(User owner, List<User> members) {
        String slug = "full-" + tag();
        Http.Response created = createChannel(owner, Map.of("name", "Full", "slug", slug, "description", "About",
                "topic", "Today", "memberIds", members.stream().map(User::id).toList()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        Http.Response avatar = patch(owner, id, "{\"avatarMediaId\":\"" + AVATAR + "\"}");
        assertThat(avatar.status()).as(avatar.toString()).isEqualTo(200);
        return avatar.json();
    }

    static Stream<Arguments> edits() {
        String otherAvatar = UUID.randomUUID().toString();
        return Stream.of(
                // body, the field it changes, its value afterwards as JSON
                Arguments.of("{\"title\":\"  Renamed  \"}", "title", "\"Renamed\""),
                Arguments.of("{\"description\":\"New about\"}", "description", "\"New about\""),
                Arguments.of("{\"description\":null}", "description", "null"),
                Arguments.of("{\"description\":\"   \"}", "description", "null"),
                Arguments.of("{\"topic\":\"Tomorrow\"}", "topic", "\"Tomorrow\""),
                Arguments.of("{\"topic\":null}", "topic", "null"),
                Arguments.of("{\"avatarMediaId\":\"" + otherAvatar + "\"}", "avatarMediaId", "\"" + otherAvatar + "\""),
                Arguments.of("{\"avatarMediaId\":null}", "avatarMediaId", "null"),
                Arguments.of("{\"visibility\":\"PRIVATE\"}", "visibility", "\"PRIVATE\""),
                Arguments.of("{\"slug\":\"renamed-~\"}", "slug", "\"renamed-~\""),
                Arguments.of("{\"readOnly\":true}", "readOnly", "true"),
                Arguments.of("{\"archived\":true}", "archived", "true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void anEditChangesItsFieldKeepsTheAbsentOnesAndPublishesOneFullSnapshot(String body, String field,
                                                                           String after) {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        JsonNode before = fullChannel(owner, List.of(users.get(1)));
        String id = before.get("id").asString();
        String t = tag();

        Http.Response response = patch(owner, id, body.replace("~", t));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode view = response.json();
        assertThat(view.get(field)).isEqualTo(Http.JSON.readTree(after.replace("~", t)));
        for (String other : DETAILS) {
            if (!other.equals(field)) {
                assertThat(view.get(other)).as(other).isEqualTo(before.get(other));
            }
        }
        assertThat(http.get("/api/conversations/" + id, owner.token()).json()).isEqualTo(view);

        List<ChatEvent> events = eventsAfterTheAvatarWasSet(owner, id);
        assertThat(events).hasSize(1);
        var updated = (ConversationUpdated) events.getFirst();
        assertThat(updated.updatedBy()).isEqualTo(owner.id());
        assertSnapshot(updated, view);
    }

    @Test
    void anAbsentFieldIsKeptAndNullClearsOnlyWhatItNames() {
        User owner = projectedUser();
        JsonNode before = fullChannel(owner, List.of());
        String id = before.get("id").asString();

        JsonNode view = patch(owner, id, "{\"topic\":null,\"title\":\"Both\"}").json();

        assertThat(view.get("topic").isNull()).isTrue();
        assertThat(view.get("title").asString()).isEqualTo("Both");
        assertThat(view.get("description").asString()).isEqualTo("About");
        assertThat(view.get("avatarMediaId").asString()).isEqualTo(AVATAR);
        assertThat(view.get("slug")).isEqualTo(before.get("slug"));
        List<ChatEvent> events = eventsAfterTheAvatarWasSet(owner, id);
        assertThat(events).hasSize(1);
        assertSnapshot((ConversationUpdated) events.getFirst(), view);
    }

    @Test
    void aPatchThatChangesNothingPublishesNothing() {
        User owner = projectedUser();
        JsonNode before = fullChannel(owner, List.of());
        String id = before.get("id").asString();

        Http.Response empty = patch(owner, id, "{}");
        Http.Response same = patch(owner, id, "{\"title\":\"Full\",\"description\":\"About\",\"topic\":\"Today\","
                + "\"avatarMediaId\":\"" + AVATAR + "\",\"visibility\":\"PUBLIC\",\"slug\":\""
                + before.get("slug").asString() + "\",\"readOnly\":false,\"archived\":false}");

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json()).isEqualTo(before);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json()).isEqualTo(before);
        assertThat(eventsAfterTheAvatarWasSet(owner, id)).isEmpty();
    }

    @Test
    void aGroupHasDetailsButNotTheFieldsOfAChannel() {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        String id = group(owner, users.get(1));

        Http.Response edited = patch(owner, id, "{\"title\":\"Crew\",\"description\":\"d\",\"topic\":\"t\","
                + "\"avatarMediaId\":\"" + AVATAR + "\",\"archived\":true}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("archived").asBoolean()).isTrue();
        assertThat(edited.json().get("members")).hasSize(2);

        for (String body : List.of("{\"readOnly\":true}", "{\"visibility\":\"PRIVATE\"}", "{\"slug\":\"crew\"}",
                "{\"title\":\"Other\",\"readOnly\":false}")) {
            Http.Response refused = patch(owner, id, body);
            assertProblem(refused, 400);
            assertThat(refused.json().get("detail").asString()).as(body).startsWith("only channels have ");
        }
        assertThat(http.get("/api/conversations/" + id, owner.token()).json()).isEqualTo(edited.json());
    }

    @Test
    void ownerAndAdminsMayEditMembersAreForbiddenAndOutsidersSeeNothing() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User admin = users.get(1);
        User member = users.get(2);
        User outsider = users.get(3);
        String id = channel(owner, "Roles " + tag(), "PUBLIC", List.of(admin, member));
        assertThat(send("PUT", "/api/conversations/" + id + "/members/" + admin.id() + "/role", owner.token(),
                "{\"role\":\"ADMIN\"}").status()).isEqualTo(200);

        Http.Response byAdmin = patch(admin, id, "{\"topic\":\"by the admin\"}");
        Http.Response byMember = patch(member, id, "{\"topic\":\"by a member\"}");
        Http.Response byOutsider = patch(outsider, id, "{\"topic\":\"by an outsider\"}");
        Http.Response unknown = patch(owner, UUID.randomUUID().toString(), "{\"topic\":\"nowhere\"}");

        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertProblem(byMember, 403);
        assertThat(byMember.json().get("detail").asString())
                .isEqualTo("members cannot edit the details (allowed: the owner, admins)");
        assertProblem(byOutsider, 404);
        assertThat(byOutsider.json().get("detail").asString()).isEqualTo("conversation " + id + " not found");
        assertProblem(unknown, 404);
        assertThat(http.get("/api/conversations/" + id, owner.token()).json().get("topic").asString())
                .isEqualTo("by the admin");
    }

    @Test
    void aDirectConversationHasNoDetailsToEdit() {
        List<User> users = projectedUsers(2);
        String id = http.post("/api/conversations/direct", users.get(0).token(), Map.of("userId", users.get(1).id()))
                .json().get("id").asString();

        Http.Response refused = patch(users.get(0), id, "{\"title\":\"Us\"}");

        assertProblem(refused, 409);
        assertThat(refused.json().get("detail").asString()).isEqualTo("direct conversations have no details to edit");
    }

    @Test
    void aSlugAnotherChannelHasIsAConflictAndChangesNothing() {
        User owner = projectedUser();
        JsonNode first = fullChannel(owner, List.of());
        JsonNode second = fullChannel(owner, List.of());
        String id = second.get("id").asString();

        Http.Response taken = patch(owner, id, "{\"title\":\"Mine\",\"slug\":\"" + first.get("slug").asString() + "\"}");

        assertProblem(taken, 409);
        assertThat(taken.json().get("detail").asString())
                .isEqualTo("slug \"" + first.get("slug").asString() + "\" is taken");
        assertThat(http.get("/api/conversations/" + id, owner.token()).json()).isEqualTo(second);
        assertThat(eventsAfterTheAvatarWasSet(owner, id)).isEmpty();
    }

    static Stream<Arguments> badPatches() {
        return Stream.of(
                Arguments.of("{\"title\":\"\"}", "title"),
                Arguments.of("{\"title\":\"   \"}", "title"),
                Arguments.of("{\"title\":null}", "title"),
                Arguments.of("{\"title\":7}", "title"),
                Arguments.of("{\"title\":\"" + "x".repeat(101) + "\"}", "title"),
                Arguments.of("{\"title\":\"a\\u0000b\"}", "title"),
                Arguments.of("{\"description\":\"" + "d".repeat(1001) + "\"}", "description"),
                Arguments.of("{\"description\":[\"d\"]}", "description"),
                Arguments.of("{\"topic\":\"" + "t".repeat(251) + "\"}", "topic"),
                Arguments.of("{\"topic\":false}", "topic"),
                Arguments.of("{\"avatarMediaId\":\"not-a-uuid\"}", "avatarMediaId"),
                Arguments.of("{\"avatarMediaId\":5}", "avatarMediaId"),
                Arguments.of("{\"readOnly\":\"true\"}", "readOnly"),
                Arguments.of("{\"readOnly\":null}", "readOnly"),
                Arguments.of("{\"archived\":1}", "archived"),
                Arguments.of("{\"archived\":null}", "archived"),
                Arguments.of("{\"visibility\":\"public\"}", "visibility"),
                Arguments.of("{\"visibility\":null}", "visibility"),
                Arguments.of("{\"slug\":\"Not A Slug\"}", "slug"),
                Arguments.of("{\"slug\":\"" + "s".repeat(51) + "\"}", "slug"),
                Arguments.of("{\"slug\":null}", "slug"),
                Arguments.of("{\"colour\":\"red\"}", "colour"),
                Arguments.of("{\"topic\":\"fine\",\"title\":null}", "title"),
                Arguments.of("[]", null),
                Arguments.of("\"title\"", null),
                Arguments.of("not json", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPatches")
    void aBadPatchIsABadRequestProblemNamingTheFieldAndChangesNothing(String body, String field) {
        User owner = projectedUser();
        JsonNode before = fullChannel(owner, List.of());
        String id = before.get("id").asString();

        Http.Response response = patch(owner, id, body);

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
        if (field != null) {
            assertThat(response.json().get("detail").asString()).startsWith(field + " ");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        }
        assertThat(http.get("/api/conversations/" + id, owner.token()).json()).isEqualTo(before);
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        User owner = projectedUser();
        String id = fullChannel(owner, List.of()).get("id").asString();

        Http.Response response = patch(owner, id, "{\"title\":\"\",\"slug\":\"-\",\"extra\":1}");

        assertProblem(response, 400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("title", "slug", "extra");
    }

    private static void assertSnapshot(ConversationUpdated updated, JsonNode view) {
        assertThat(updated.conversationId().toString()).isEqualTo(view.get("id").asString());
        assertThat(updated.title()).isEqualTo(text(view, "title"));
        assertThat(updated.description()).isEqualTo(text(view, "description"));
        assertThat(updated.topic()).isEqualTo(text(view, "topic"));
        assertThat(updated.avatarMediaId() == null ? null : updated.avatarMediaId().toString())
                .isEqualTo(text(view, "avatarMediaId"));
        assertThat(updated.visibility()).isEqualTo(text(view, "visibility"));
        assertThat(updated.slug()).isEqualTo(text(view, "slug"));
        assertThat(updated.readOnly()).isEqualTo(view.get("readOnly").asBoolean());
        assertThat(updated.archived()).isEqualTo(view.get("archived").asBoolean());
        assertThat(updated.updatedAt()).isBefore(Instant.now());
    }

    private static String text(JsonNode view, String field) {
        return view.get(field).isNull() ? null : view.get(field).asString();
    }

    /**
     * The ConversationUpdated events after the one that set the avatar in {@link #fullChannel}, up to a preferences
     * change made now as the last event: what the test itself published.
     */
    private List<ChatEvent> eventsAfterTheAvatarWasSet(User owner, String id) {
        Http.Response last = send("PUT", "/api/conversations/" + id + "/preferences", owner.token(),
                "{\"notifications\":\"MENTIONS\"}");
        assertThat(last.status()).as(last.toString()).isEqualTo(200);
        List<ChatEvent> events = eventsUntil(id, e -> e instanceof MemberPreferencesChanged);
        List<ChatEvent> updates = events.stream().filter(e -> e instanceof ConversationUpdated).toList();
        assertThat(updates).isNotEmpty();
        assertThat(((ConversationUpdated) updates.getFirst()).avatarMediaId()).hasToString(AVATAR);
        return updates.subList(1, updates.size());
    }

    private String group(User owner, User member) {
        Http.Response created = http.post("/api/conversations", owner.token(),
                Map.of("type", "GROUP", "title", "Group", "memberIds", List.of(member.id())));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private Http.Response patch(User caller, String id, String json) {
        return send("PATCH", "/api/conversations/" + id, caller.token(), json);
    }
}
