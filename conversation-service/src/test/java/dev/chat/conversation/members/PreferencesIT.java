package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.MemberPreferencesChanged;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** GET and PUT /api/conversations/{id}/preferences: a member's own notification settings. */
class PreferencesIT extends MemberIntegrationTest {

    @Test
    void aMemberStartsWithEverythingAndNoMute() {
        List<User> users = projectedUsers(2);
        String id = group(users.get(0), List.of(), List.of(users.get(1)));

        Http.Response preferences = get(users.get(1), id);

        assertThat(preferences.status()).as(preferences.toString()).isEqualTo(200);
        assertThat(preferences.json().propertyNames()).containsExactly("notifications", "mutedUntil");
        assertThat(preferences.json().get("notifications").asString()).isEqualTo("ALL");
        assertThat(preferences.json().get("mutedUntil").isNull()).isTrue();
    }

    @Test
    void aChangeIsStoredShownInTheConversationAndPublishedOnce() {
        List<User> users = projectedUsers(2);
        User alice = users.get(0);
        User bob = users.get(1);
        String id = group(alice, List.of(), List.of(bob));
        Instant until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);

        Http.Response changed = put(bob, id, "{\"notifications\":\"MENTIONS\",\"mutedUntil\":\"" + until + "\"}");
        Http.Response again = put(bob, id, "{\"notifications\":\"MENTIONS\",\"mutedUntil\":\"" + until + "\"}");
        Http.Response unmuted = put(bob, id, "{\"notifications\":\"MENTIONS\"}");

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("notifications").asString()).isEqualTo("MENTIONS");
        assertThat(Instant.parse(changed.json().get("mutedUntil").asString())).isEqualTo(until);
        assertThat(again.json()).isEqualTo(changed.json());
        assertThat(unmuted.json().get("mutedUntil").isNull()).isTrue();
        assertThat(get(bob, id).json()).isEqualTo(unmuted.json());
        JsonNode bobsView = http.get("/api/conversations/" + id, bob.token()).json();
        assertThat(bobsView.get("preferences")).isEqualTo(unmuted.json());
        // Each member's own: alice's stay as they were.
        assertThat(get(alice, id).json().get("notifications").asString()).isEqualTo("ALL");
        assertThat(http.get("/api/conversations/" + id, alice.token()).json().get("preferences")
                .get("notifications").asString()).isEqualTo("ALL");

        List<ChatEvent> events = eventsUntil(id, e -> e instanceof MemberPreferencesChanged p && p.mutedUntil() == null);
        List<MemberPreferencesChanged> published = events.stream()
                .filter(e -> e instanceof MemberPreferencesChanged).map(e -> (MemberPreferencesChanged) e).toList();
        assertThat(published).hasSize(2);
        assertThat(published.getFirst().userId()).isEqualTo(bob.id());
        assertThat(published.getFirst().notifications()).isEqualTo("MENTIONS");
        assertThat(published.getFirst().mutedUntil()).isEqualTo(until);
        assertThat(published.get(1).mutedUntil()).isNull();
    }

    @Test
    void aMuteThatRanOutReadsAsNone() {
        List<User> users = projectedUsers(2);
        String id = group(users.get(0), List.of(), List.of(users.get(1)));
        assertThat(put(users.get(1), id, "{\"notifications\":\"NONE\",\"mutedUntil\":\""
                + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}").status()).isEqualTo(200);
        jdbc.update("update members set muted_until = now() - interval '1 minute' where conversation_id = ?::uuid "
                + "and user_id = ?", id, users.get(1).id());

        assertThat(get(users.get(1), id).json().get("mutedUntil").isNull()).isTrue();
        assertThat(http.get("/api/conversations/" + id, users.get(1).token()).json().get("preferences")
                .get("mutedUntil").isNull()).isTrue();
    }

    @Test
    void membersOfADirectConversationHaveTheirOwnToo() {
        List<User> users = projectedUsers(2);
        String id = direct(users.get(0), users.get(1));

        Http.Response changed = put(users.get(0), id, "{\"notifications\":\"NONE\",\"mutedUntil\":null}");

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(get(users.get(0), id).json().get("notifications").asString()).isEqualTo("NONE");
        assertThat(get(users.get(1), id).json().get("notifications").asString()).isEqualTo("ALL");
    }

    @Test
    void aNonMemberGetsNotFoundAndChangesNothing() {
        List<User> users = projectedUsers(3);
        String id = group(users.get(0), List.of(), List.of(users.get(1)));

        for (String conversation : List.of(id, UUID.randomUUID().toString())) {
            assertProblem(get(users.get(2), conversation), 404);
            Http.Response refused = put(users.get(2), conversation, "{\"notifications\":\"NONE\"}");
            assertProblem(refused, 404);
            assertThat(refused.json().get("detail").asString()).isEqualTo("conversation " + conversation + " not found");
        }
    }

    static Stream<Arguments> badPreferences() {
        return Stream.of(
                Arguments.of("{}"),
                Arguments.of("{\"notifications\":null}"),
                Arguments.of("{\"notifications\":\"all\"}"),
                Arguments.of("{\"notifications\":\"SOME\"}"),
                Arguments.of("{\"notifications\":1}"),
                Arguments.of("{\"notifications\":\"ALL\",\"mutedUntil\":\"2001-01-01T00:00:00Z\"}"),
                Arguments.of("{\"notifications\":\"ALL\",\"mutedUntil\":\"tomorrow\"}"),
                Arguments.of("{\"mutedUntil\":\"2999-01-01T00:00:00Z\"}"),
                Arguments.of("not json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPreferences")
    void badPreferencesAreABadRequestProblemAndChangeNothing(String body) {
        List<User> users = projectedUsers(2);
        String id = group(users.get(0), List.of(), List.of(users.get(1)));

        Http.Response response = put(users.get(1), id, body);

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.chat");
        assertThat(get(users.get(1), id).json().get("notifications").asString()).isEqualTo("ALL");
    }

    private Http.Response get(User caller, String id) {
        return http.get("/api/conversations/" + id + "/preferences", caller.token());
    }

    private Http.Response put(User caller, String id, String json) {
        return send("PUT", "/api/conversations/" + id + "/preferences", caller.token(), json);
    }
}
