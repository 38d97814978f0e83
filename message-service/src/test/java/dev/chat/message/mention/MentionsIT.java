package dev.chat.message.mention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageEdited;
import dev.chat.events.Topics;
import dev.chat.events.UserRegistered;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MentionsIT extends IntegrationTest {

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    private User named(String username) {
        User u = user();
        Events.publish(new UserRegistered(u.id(), username, username, Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from users where user_id = ?", Integer.class, u.id()) == 1);
        return u;
    }

    private static List<String> ids(JsonNode message) {
        return message.path("mentions").valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void aSendStoresAndPublishesTheMembersItNamesOnly() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        User ann = named("Ann" + run);
        User bob = named("bob" + run);
        User outsider = named("zed" + run);
        UUID conv = conversationOf(ann, bob);

        JsonNode sent = send(conv, ann, "c-1", "hi @BOB" + run + " and @zed" + run + " and @nobody" + run
                + ", mail ann" + run + "@example.com").json();
        assertThat(ids(sent)).as("a member, by name whatever its case; not an outsider or an unknown name")
                .containsExactly(bob.id().toString());
        assertThat(ids(history(conv, ann, "").json().path("items").get(0))).containsExactly(bob.id().toString());

        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.MESSAGES, conv.toString(),
                seen -> seen.stream().anyMatch(e -> e.payload() instanceof MessageCreated));
        MessageCreated created = (MessageCreated) events.stream().map(EventEnvelope::payload)
                .filter(MessageCreated.class::isInstance).findFirst().orElseThrow();
        assertThat(created.mentions()).containsExactly(bob.id());
        assertThat(outsider.id()).isNotIn(created.mentions());

        JsonNode bobsUnread = http.get("/api/messages/unread", bob.token()).json().path("items").get(0);
        assertThat(bobsUnread.path("unreadCount").asInt()).isEqualTo(1);
        assertThat(bobsUnread.path("mentionCount").asInt()).as("the unread message mentions bob").isEqualTo(1);

        JsonNode plain = send(conv, bob, "c-2", "no mentions here").json();
        JsonNode annsUnread = http.get("/api/messages/unread", ann.token()).json().path("items").get(0);
        assertThat(annsUnread.path("unreadCount").asInt()).isEqualTo(1);
        assertThat(annsUnread.path("mentionCount").asInt()).isZero();
        assertThat(ids(plain)).isEmpty();
        assertThat(jdbc.queryForObject("select mentions is null from messages where id = ?::uuid", Boolean.class,
                plain.path("id").asString())).isTrue();
    }

    @Test
    void anEditResolvesTheMentionsOfTheNewBody() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        User ann = named("ann" + run);
        User bob = named("bob" + run);
        User cat = named("cat" + run);
        UUID conv = conversationOf(ann, bob, cat);
        String id = send(conv, ann, "c-1", "ping @bob" + run).json().path("id").asString();

        JsonNode edited = edit(conv, ann, id, "ping @cat" + run + " and @ann" + run).json();
        assertThat(ids(edited)).containsExactly(cat.id().toString(), ann.id().toString());

        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.MESSAGES, conv.toString(),
                seen -> seen.stream().anyMatch(e -> e.payload() instanceof MessageEdited));
        MessageEdited event = (MessageEdited) events.stream().map(EventEnvelope::payload)
                .filter(MessageEdited.class::isInstance).findFirst().orElseThrow();
        assertThat(event.mentions()).containsExactly(cat.id(), ann.id());
    }
}
