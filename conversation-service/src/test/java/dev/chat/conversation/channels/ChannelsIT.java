package dev.chat.conversation.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.chat.conversation.IntegrationTest;
import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.MemberBanned;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberPreferencesChanged;
import dev.chat.testsupport.Http;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ChannelsIT extends IntegrationTest {

    @Test
    void creatingAChannelMakesTheCreatorOwnerAndPublishesItsDetailsAndMembersInOrder() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        String name = "Announcements " + tag();

        Http.Response response = createChannel(owner, Map.of("name", "  " + name + "  ", "description", "News",
                "topic", "Release day", "readOnly", true,
                "memberIds", List.of(users.get(1).id(), users.get(2).id(), owner.id())));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode channel = response.json();
        String id = channel.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/conversations/" + id);
        assertThat(channel.propertyNames()).containsExactly("id", "type", "title", "description", "topic",
                "avatarMediaId", "visibility", "slug", "readOnly", "archived", "createdBy", "createdAt", "memberCount",
                "members", "preferences");
        assertThat(channel.get("type").asString()).isEqualTo("CHANNEL");
        assertThat(channel.get("title").asString()).isEqualTo(name);
        assertThat(channel.get("description").asString()).isEqualTo("News");
        assertThat(channel.get("topic").asString()).isEqualTo("Release day");
        assertThat(channel.get("avatarMediaId").isNull()).isTrue();
        assertThat(channel.get("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(channel.get("slug").asString()).isEqualTo(name.toLowerCase().replace(' ', '-'));
        assertThat(channel.get("readOnly").asBoolean()).isTrue();
        assertThat(channel.get("archived").asBoolean()).isFalse();
        assertThat(channel.get("memberCount").asInt()).isEqualTo(3);
        // A channel's view lists the caller's own membership only.
        assertThat(channel.get("members")).hasSize(1);
        assertThat(channel.get("members").get(0).get("userId").asString()).isEqualTo(owner.id().toString());
        assertThat(channel.get("members").get(0).get("role").asString()).isEqualTo("OWNER");
        assertThat(channel.get("preferences").get("notifications").asString()).isEqualTo("ALL");
        assertThat(channel.get("preferences").get("mutedUntil").isNull()).isTrue();

        List<ChatEvent> events = eventsUntil(id, e -> e instanceof MemberJoined j && j.userId().equals(users.get(2).id()));
        assertThat(events).hasSize(4);
        var created = (ConversationCreated) events.getFirst();
        assertThat(created).extracting(ConversationCreated::type, ConversationCreated::title,
                        ConversationCreated::description, ConversationCreated::topic, ConversationCreated::visibility,
                        ConversationCreated::slug, ConversationCreated::readOnly)
                .containsExactly("CHANNEL", name, "News", "Release day", "PUBLIC", channel.get("slug").asString(), true);
        assertThat(created.memberIds()).containsExactly(owner.id(), users.get(1).id(), users.get(2).id());
        assertThat(events.subList(1, 4)).extracting(e -> (MemberJoined) e)
                .extracting(MemberJoined::userId, MemberJoined::role)
                .containsExactly(tuple(owner.id(), "OWNER"), tuple(users.get(1).id(), "MEMBER"),
                        tuple(users.get(2).id(), "MEMBER"));
    }

    @Test
    void aDerivedSlugThatIsTakenGetsTheNextFreeNumber() {
        User owner = projectedUser();
        String t = tag();
        String name = "Café  Society! " + t;

        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Http.Response created = createChannel(owner, Map.of("name", name));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            slugs.add(created.json().get("slug").asString());
        }

        String base = "cafe-society-" + t;
        assertThat(slugs).containsExactly(base, base + "-2", base + "-3");
    }

    @Test
    void aLongNameIsCutToAFiftyCharacterSlugAndItsNumberedFollowersStayWithinIt() {
        User owner = projectedUser();
        String name = tag() + " " + "x".repeat(60);

        String first = createChannel(owner, Map.of("name", name)).json().get("slug").asString();
        String second = createChannel(owner, Map.of("name", name)).json().get("slug").asString();

        assertThat(first).hasSize(50).startsWith(name.substring(0, 8) + "-x");
        assertThat(second).hasSize(50).endsWith("-2").startsWith(first.substring(0, 48));
    }

    @Test
    void anExplicitSlugIsKeptAndOneThatIsTakenIsAConflict() {
        User owner = projectedUser();
        User other = projectedUser();
        String slug = "ops-" + tag();

        Http.Response first = createChannel(owner, Map.of("name", "Ops", "slug", slug, "visibility", "PRIVATE"));
        Http.Response taken = createChannel(other, Map.of("name", "Ops too", "slug", slug));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("slug").asString()).isEqualTo(slug);
        assertThat(first.json().get("visibility").asString()).isEqualTo("PRIVATE");
        assertProblem(taken, 409);
        assertThat(taken.json().get("detail").asString()).isEqualTo("slug \"" + slug + "\" is taken");
        assertThat(jdbc.queryForObject("select count(*) from conversations where created_by = ?", Integer.class,
                other.id())).isZero();
    }

    @Test
    void aChannelWithAnUnknownMemberIsNotFoundAndWritesNothing() {
        User owner = projectedUser();

        Http.Response response = createChannel(owner, Map.of("name", "x", "memberIds", List.of(UUID.randomUUID())));

        assertProblem(response, 404);
        assertThat(jdbc.queryForObject("select count(*) from conversations where created_by = ?", Integer.class,
                owner.id())).isZero();
    }

    @Test
    void theDirectoryListsPublicChannelsMostMembersFirstWithWhetherTheCallerJoined() {
        List<User> users = projectedUsers(6);
        User owner = users.get(0);
        User reader = users.get(1);
        String t = tag();
        String big = channel(owner, "Big " + t, "PUBLIC", users.subList(2, 5));            // 4 members
        String small = channel(owner, "Small " + t, "PUBLIC", List.of());                   // 1 member
        String middle = channel(owner, "Middle " + t, "PUBLIC", List.of(reader, users.get(5))); // 3 members
        channel(owner, "Secret " + t, "PRIVATE", users.subList(1, 6));
        String archived = channel(owner, "Old " + t, "PUBLIC", users.subList(1, 6));
        assertThat(patch(owner, archived, "{\"archived\":true}").status()).isEqualTo(200);

        Http.Response first = http.get("/api/channels?limit=2&query=" + t.toUpperCase(), reader.token());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Http.Response second = http.get("/api/channels?limit=2&query=" + t + "&cursor="
                + first.json().get("nextCursor").asString(), reader.token());

        List<JsonNode> items = new ArrayList<>();
        first.json().get("items").forEach(items::add);
        second.json().get("items").forEach(items::add);
        assertThat(items).extracting(i -> i.get("id").asString(), i -> i.get("memberCount").asInt(),
                        i -> i.get("joined").asBoolean())
                .containsExactly(tuple(big, 4, false), tuple(middle, 3, true), tuple(small, 1, false));
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(items.getFirst().propertyNames()).containsExactly("id", "name", "slug", "description", "topic",
                "memberCount", "joined");
        assertThat(items.getFirst().get("name").asString()).isEqualTo("Big " + t);
        assertThat(items.getFirst().get("slug").asString()).isEqualTo("big-" + t);
    }

    @Test
    void theDirectoryMatchesSlugsAndTakesTheQueryLiterally() {
        User owner = projectedUser();
        String t = tag();
        Http.Response created = createChannel(owner, Map.of("name", "Plain name", "slug", "zz-" + t));
        String id = created.json().get("id").asString();

        Http.Response bySlug = http.get("/api/channels?query=zz-" + t, owner.token());
        Http.Response wildcard = http.get("/api/channels?query=zz%25" + t, owner.token());
        Http.Response all = http.get("/api/channels", owner.token());

        assertThat(bySlug.json().get("items")).extracting(i -> i.get("id").asString()).containsExactly(id);
        assertThat(wildcard.json().get("items")).isEmpty();
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("items").size()).isBetween(1, 20);
    }

    @Test
    void aChannelIsFoundBySlugWhenPublicOrByItsMembers() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User member = users.get(1);
        User outsider = users.get(2);
        String t = tag();
        channel(owner, "Open " + t, "PUBLIC", List.of());
        String secret = channel(owner, "Closed " + t, "PRIVATE", List.of(member));

        Http.Response open = http.get("/api/channels/open-" + t, outsider.token());
        Http.Response hidden = http.get("/api/channels/closed-" + t, outsider.token());
        Http.Response forMember = http.get("/api/channels/closed-" + t, member.token());
        Http.Response unknown = http.get("/api/channels/nothing-" + t, outsider.token());

        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        assertThat(open.json().get("joined").asBoolean()).isFalse();
        assertThat(open.json().get("memberCount").asInt()).isEqualTo(1);
        assertProblem(hidden, 404);
        assertThat(forMember.status()).isEqualTo(200);
        assertThat(forMember.json().get("id").asString()).isEqualTo(secret);
        assertThat(forMember.json().get("joined").asBoolean()).isTrue();
        assertProblem(unknown, 404);
        assertThat(hidden.json().get("detail").asString().replace("closed", "X"))
                .isEqualTo(unknown.json().get("detail").asString().replace("nothing", "X"));
    }

    @Test
    void joiningAPublicChannelTwiceMakesOneMemberAndPublishesOneMemberJoined() {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        User joiner = users.get(1);
        String id = channel(owner, "Lobby " + tag(), "PUBLIC", List.of());

        Http.Response joined = join(joiner, id);
        Http.Response again = join(joiner, id);

        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.json().get("memberCount").asInt()).isEqualTo(2);
        assertThat(joined.json().get("members")).extracting(m -> m.get("userId").asString(), m -> m.get("role").asString())
                .containsExactly(tuple(joiner.id().toString(), "MEMBER"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(joined.json());
        setPreferences(joiner, id, "NONE"); // the last event of this test
        List<ChatEvent> events = eventsUntil(id, e -> e instanceof MemberPreferencesChanged);
        assertThat(events).filteredOn(e -> e instanceof MemberJoined j && j.userId().equals(joiner.id())).hasSize(1);
    }

    @Test
    void onlyAPublicChannelCanBeJoinedAndEverythingElseIsTheSameNotFound() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User outsider = users.get(1);
        String privateChannel = channel(owner, "Private " + tag(), "PRIVATE", List.of());
        String group = http.post("/api/conversations", owner.token(), Map.of("type", "GROUP", "title", "g",
                "memberIds", List.of(users.get(2).id()))).json().get("id").asString();
        String dm = http.post("/api/conversations/direct", owner.token(), Map.of("userId", users.get(2).id()))
                .json().get("id").asString();

        for (String id : List.of(privateChannel, group, dm, UUID.randomUUID().toString())) {
            Http.Response response = join(outsider, id);
            assertProblem(response, 404);
            assertThat(response.json().get("detail").asString()).isEqualTo("public channel " + id + " not found");
        }
        assertThat(jdbc.queryForObject("select count(*) from members where user_id = ?", Integer.class,
                outsider.id())).isZero();
    }

    @Test
    void aBannedUserCannotJoinAndNoMemberJoinedIsPublished() {
        List<User> users = projectedUsers(2);
        User owner = users.get(0);
        User banned = users.get(1);
        String id = channel(owner, "Strict " + tag(), "PUBLIC", List.of());
        Http.Response ban = http.post("/api/conversations/" + id + "/bans", owner.token(), Map.of("userId", banned.id()));
        assertThat(ban.status()).as(ban.toString()).isEqualTo(200);

        Http.Response refused = join(banned, id);

        assertProblem(refused, 403);
        assertThat(refused.json().get("detail").asString()).isEqualTo("you are banned from this conversation");
        assertThat(patch(owner, id, "{\"topic\":\"after the refusal\"}").status()).isEqualTo(200);
        List<ChatEvent> events = eventsUntil(id, e -> e instanceof ConversationUpdated);
        assertThat(events).anyMatch(e -> e instanceof MemberBanned);
        assertThat(events).noneMatch(e -> e instanceof MemberJoined j && j.userId().equals(banned.id()));
        assertThat(jdbc.queryForObject("select count(*) from members where conversation_id = ?::uuid",
                Integer.class, id)).isEqualTo(1);
    }

    @Test
    void anArchivedChannelRefusesNewMembersButNotItsOwn() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User member = users.get(1);
        String id = channel(owner, "Past " + tag(), "PUBLIC", List.of(member));
        assertThat(patch(owner, id, "{\"archived\":true}").status()).isEqualTo(200);

        Http.Response refused = join(users.get(2), id);
        Http.Response ownMember = join(member, id);

        assertProblem(refused, 409);
        assertThat(refused.json().get("detail").asString()).contains("archived");
        assertThat(ownMember.status()).isEqualTo(200);
        assertThat(ownMember.json().get("archived").asBoolean()).isTrue();
    }

    static Stream<Arguments> invalidChannels() {
        String someone = UUID.randomUUID().toString();
        String tooMany = IntStream.range(0, 1000).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .reduce((a, b) -> a + "," + b).orElseThrow();
        return Stream.of(
                Arguments.of("{}"),
                Arguments.of("{\"name\":\"   \"}"),
                Arguments.of("{\"name\":null}"),
                Arguments.of("{\"name\":7}"),
                Arguments.of("{\"name\":\"" + "x".repeat(101) + "\"}"),
                Arguments.of("{\"name\":\"a\\u0000b\"}"),
                Arguments.of("{\"name\":\"n\",\"slug\":\"Upper\"}"),
                Arguments.of("{\"name\":\"n\",\"slug\":\"-lead\"}"),
                Arguments.of("{\"name\":\"n\",\"slug\":\"trail-\"}"),
                Arguments.of("{\"name\":\"n\",\"slug\":\"with space\"}"),
                Arguments.of("{\"name\":\"n\",\"slug\":\"\"}"),
                Arguments.of("{\"name\":\"n\",\"slug\":\"" + "a".repeat(51) + "\"}"),
                Arguments.of("{\"name\":\"n\",\"description\":\"" + "d".repeat(1001) + "\"}"),
                Arguments.of("{\"name\":\"n\",\"topic\":\"" + "t".repeat(251) + "\"}"),
                Arguments.of("{\"name\":\"n\",\"visibility\":\"public\"}"),
                Arguments.of("{\"name\":\"n\",\"visibility\":\"SECRET\"}"),
                Arguments.of("{\"name\":\"n\",\"readOnly\":\"maybe\"}"),
                Arguments.of("{\"name\":\"n\",\"memberIds\":[null]}"),
                Arguments.of("{\"name\":\"n\",\"memberIds\":[\"not-a-uuid\"]}"),
                Arguments.of("{\"name\":\"n\",\"memberIds\":\"" + someone + "\"}"),
                Arguments.of("{\"name\":\"n\",\"memberIds\":[" + tooMany + "]}"),
                Arguments.of("not json"));
    }

    @ParameterizedTest
    @MethodSource("invalidChannels")
    void anInvalidChannelIsABadRequestProblemAndWritesNothing(String body) {
        User owner = projectedUser();

        Http.Response response = createChannel(owner, body);

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
        assertThat(jdbc.queryForObject("select count(*) from conversations where created_by = ?", Integer.class,
                owner.id())).isZero();
    }

    @Test
    void badDirectoryParametersAreBadRequestProblems() {
        User me = projectedUser();

        for (String query : List.of("limit=0", "limit=51", "limit=x", "cursor=garbage", "query=" + "q".repeat(101))) {
            assertProblem(http.get("/api/channels?" + query, me.token()), 400);
        }
        assertProblem(send("POST", "/api/conversations/not-a-uuid/join", me.token(), null), 400);
    }

    private Http.Response join(User caller, String id) {
        return send("POST", "/api/conversations/" + id + "/join", caller.token(), null);
    }

    private Http.Response patch(User caller, String id, String json) {
        return send("PATCH", "/api/conversations/" + id, caller.token(), json);
    }

    private void setPreferences(User caller, String id, String notifications) {
        Map<String, Object> body = new HashMap<>();
        body.put("notifications", notifications);
        Http.Response response = send("PUT", "/api/conversations/" + id + "/preferences", caller.token(),
                Http.JSON.writeValueAsString(body));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
}
