package dev.chat.message.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.Attachment;
import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MediaUploaded;
import dev.chat.events.MessageCreated;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AttachmentsIT extends IntegrationTest {

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    /** An upload media-service completed: its MediaUploaded, once this service's projection has it. */
    private UUID uploaded(User owner, String contentType, String filename) {
        UUID id = UUID.randomUUID();
        Events.publish(new MediaUploaded(id, owner.id(), contentType, 1234, "media/" + owner.id() + "/" + id,
                Instant.now(), filename));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from media where media_id = ?", Integer.class, id) == 1);
        return id;
    }

    private Http.Response sendWith(UUID conversationId, User sender, String clientMessageId, String body,
                                   List<?> attachments) {
        Map<String, Object> request = new HashMap<>();
        request.put("clientMessageId", clientMessageId);
        request.put("body", body);
        request.put("attachments", attachments);
        return http.post("/api/conversations/" + conversationId + "/messages", sender.token(), request);
    }

    private Http.Response access(UUID mediaId, User caller) {
        return http.get("/api/media/" + mediaId + "/access", caller.token());
    }

    private static List<String> mediaIds(JsonNode message) {
        return message.path("attachments").valueStream().map(a -> a.path("mediaId").asString()).toList();
    }

    @Test
    void aMessageCarriesItsSendersUploadsInOrderEverywhereItIsShown() {
        User ann = user();
        User bob = user();
        UUID conv = conversationOf(ann, bob);
        UUID photo = uploaded(ann, "image/png", "photo.png");
        UUID report = uploaded(ann, "application/pdf", "report.pdf");

        JsonNode sent = sendWith(conv, ann, "c-1", "", List.of(report, photo)).json();
        assertThat(sent.path("body").asString()).as("files alone need no text").isEmpty();
        assertThat(mediaIds(sent)).containsExactly(report.toString(), photo.toString());
        JsonNode first = sent.path("attachments").get(0);
        assertThat(first.path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(first.path("filename").asString()).isEqualTo("report.pdf");
        assertThat(first.path("sizeBytes").asLong()).isEqualTo(1234);

        assertThat(mediaIds(history(conv, bob, "").json().path("items").get(0)))
                .containsExactly(report.toString(), photo.toString());
        JsonNode created = changes(conv, bob, "after=0").json().path("changes").get(0);
        assertThat(mediaIds(created.path("message"))).as("the change feed's frame, as pushed")
                .containsExactly(report.toString(), photo.toString());
        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.MESSAGES, conv.toString(),
                seen -> seen.stream().anyMatch(e -> e.payload() instanceof MessageCreated));
        MessageCreated event = (MessageCreated) events.stream().map(EventEnvelope::payload)
                .filter(MessageCreated.class::isInstance).findFirst().orElseThrow();
        assertThat(event.attachments()).extracting(Attachment::mediaId).containsExactly(report, photo);

        JsonNode files = http.get("/api/conversations/" + conv + "/attachments", bob.token()).json();
        assertThat(files.path("items")).hasSize(1);
        send(conv, bob, "c-2", "no files here");
        assertThat(http.get("/api/conversations/" + conv + "/attachments", bob.token()).json().path("items"))
                .as("a text message is no file").hasSize(1);

        Http.Response retry = sendWith(conv, ann, "c-1", "", List.of(report, photo));
        assertThat(retry.status()).as("a retry gets the stored message").isEqualTo(200);
        assertProblem(sendWith(conv, ann, "c-1", "", List.of(photo)), 409);
    }

    @Test
    void onlyTheSendersOwnReadyUploadsMayBeAttached() {
        User ann = user();
        User bob = user();
        UUID conv = conversationOf(ann, bob);
        UUID bobs = uploaded(bob, "image/png", "bob.png");
        UUID annsA = uploaded(ann, "image/png", "a.png");

        assertProblem(sendWith(conv, ann, "c-1", "look", List.of(bobs)), 403);
        Http.Response notYet = sendWith(conv, ann, "c-2", "look", List.of(UUID.randomUUID()));
        assertProblem(notYet, 409);
        assertThat(notYet.json().path("type").asString()).isEqualTo("urn:chat:problem:media-not-ready");
        assertThat(notYet.headers().firstValue("Retry-After")).contains("1");
        assertProblem(sendWith(conv, ann, "c-3", "look", List.of(annsA, annsA)), 400);
        List<UUID> eleven = IntStream.range(0, 11).mapToObj(i -> UUID.randomUUID()).toList();
        assertProblem(sendWith(conv, ann, "c-4", "look", eleven), 400);
        assertProblem(sendWith(conv, ann, "c-5", "  ", List.of()), 400);
        Map<String, Object> nullItem = new HashMap<>();
        nullItem.put("clientMessageId", "c-6");
        nullItem.put("body", "x");
        nullItem.put("attachments", java.util.Arrays.asList((Object) null));
        assertProblem(http.post("/api/conversations/" + conv + "/messages", ann.token(), nullItem), 400);
        assertProblem(sendWith(conv, ann, "c-7", "look", List.of("not-a-uuid")), 400);

        assertThat(lastChangeSeq(conv)).as("no refused send took a number").isZero();
        assertThat(jdbc.queryForObject("select count(*) from messages where conversation_id = ?", Integer.class,
                conv)).isZero();
    }

    @Test
    void membersOfAConversationThatCarriesAnUploadMaySeeItUntilTheMessageIsDeletedOrTheyLeave() {
        User ann = user();
        User bob = user();
        User outsider = user();
        UUID conv = conversationOf(ann, bob);
        UUID other = conversationOf(outsider, user());
        UUID photo = uploaded(ann, "image/png", "photo.png");

        assertProblem(access(photo, bob), 404); // not attached anywhere yet
        String id = sendWith(conv, ann, "c-1", "", List.of(photo)).json().path("id").asString();
        assertThat(access(photo, bob).status()).isEqualTo(204);
        assertThat(access(photo, ann).status()).isEqualTo(204);
        assertProblem(access(photo, outsider), 404);
        assertProblem(access(UUID.randomUUID(), bob), 404);
        assertProblem(http.get("/api/conversations/" + conv + "/attachments", outsider.token()), 404);
        assertThat(http.get("/api/conversations/" + other + "/attachments", outsider.token()).json().path("items"))
                .isEmpty();

        assertThat(edit(conv, ann, id, "").status()).as("a file's message may lose its text").isEqualTo(200);
        assertThat(delete(conv, ann, id).status()).isEqualTo(204);
        JsonNode tombstone = history(conv, bob, "").json().path("items").get(0);
        assertThat(tombstone.path("attachments")).as("a tombstone carries no files").isEmpty();
        assertThat(changes(conv, bob, "after=0").json().path("changes").get(0).path("message").path("attachments"))
                .as("nor does its creation in the feed").isEmpty();
        assertProblem(access(photo, bob), 404);
        assertThat(http.get("/api/conversations/" + conv + "/attachments", bob.token()).json().path("items"))
                .isEmpty();
    }

    @Test
    void aMemberTheProjectionDoesNotListYetIsConfirmedByConversationService() {
        User ann = user();
        User newcomer = user();
        User outsider = user();
        UUID conv = conversationOf(ann);
        UUID photo = uploaded(ann, "image/png", "photo.png");
        sendWith(conv, ann, "c-1", "", List.of(photo));
        CONVERSATIONS.addMember(conv, newcomer.id()); // joined; its MemberJoined has not reached this service

        int asked = CONVERSATIONS.hits();
        assertThat(access(photo, newcomer).status()).isEqualTo(204);
        assertThat(CONVERSATIONS.hits()).isGreaterThan(asked);
        assertProblem(access(photo, outsider), 404);
    }

    @Test
    void searchFiltersOnAttachments() {
        User ann = user();
        User bob = user();
        UUID conv = conversationOf(ann, bob);
        UUID photo = uploaded(ann, "image/png", "photo.png");
        sendWith(conv, ann, "c-1", "holiday pictures", List.of(photo));
        send(conv, ann, "c-2", "holiday plans");

        String q = "/api/messages/search?q=holiday&conversationId=" + conv;
        assertThat(http.get(q, bob.token()).json().path("items")).hasSize(2);
        JsonNode with = http.get(q + "&hasAttachment=true", bob.token()).json().path("items");
        assertThat(with).hasSize(1);
        assertThat(with.get(0).path("message").path("body").asString()).isEqualTo("holiday pictures");
        JsonNode without = http.get(q + "&hasAttachment=false", bob.token()).json().path("items");
        assertThat(without).hasSize(1);
        assertThat(without.get(0).path("message").path("body").asString()).isEqualTo("holiday plans");
    }
}
