package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A file from upload to the other member's download, through the gateway: media-service stores and announces it,
 * message-service attaches it (its media projection) and answers who may see it, media-service asks before it
 * signs a download URL.
 */
class AttachmentsSystemIT {

    static Stack stack;
    static Api api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        stack = Stack.shared();
        api = new Api(stack.gatewayUrl());
    }

    @Test
    void aMemberDownloadsTheFileAnotherSentAndNobodyElseCanUntilItIsDeleted() throws Exception {
        Api.User alice = api.newUser("alice");
        Api.User bob = api.newUser("bob");
        Api.User carol = api.newUser("carol");
        String dm = api.createDirect(alice, bob);
        byte[] bytes = "minutes of the meeting\n".repeat(40).getBytes(StandardCharsets.UTF_8);

        Api.Response ticket = api.post("/api/media/uploads", alice.token(),
                Map.of("filename", "minutes.txt", "contentType", "text/plain", "sizeBytes", bytes.length));
        assertThat(ticket.status()).as("%s", ticket.body()).isEqualTo(201);
        String mediaId = ticket.body().path("mediaId").asString();
        HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(ticket.body().path("uploadUrl").asString()))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(api.post("/api/media/" + mediaId + "/complete", alice.token(), Map.of()).status()).isEqualTo(200);

        // message-service hears of the upload through chat.media.v1: until then a send answers 409 media-not-ready
        String clientMessageId = UUID.randomUUID().toString();
        Map<String, Object> send = Map.of("clientMessageId", clientMessageId, "body", "",
                "attachments", List.of(mediaId));
        Api.Response[] sent = new Api.Response[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            sent[0] = api.post("/api/conversations/" + dm + "/messages", alice.token(), send);
            assertThat(sent[0].status()).as("%s", sent[0].body()).isIn(201, 409);
            return sent[0].status() == 201;
        });
        JsonNode attachment = sent[0].body().path("attachments").get(0);
        assertThat(attachment.path("filename").asString()).isEqualTo("minutes.txt");
        assertThat(attachment.path("contentType").asString()).isEqualTo("text/plain");

        Api.Response bobReads = api.get("/api/media/" + mediaId, bob.token());
        assertThat(bobReads.status()).as("%s", bobReads.body()).isEqualTo(200);
        HttpResponse<byte[]> download = http.send(
                HttpRequest.newBuilder(URI.create(bobReads.body().path("downloadUrl").asString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(bytes);
        Api.Response carolReads = api.get("/api/media/" + mediaId, carol.token());
        assertThat(carolReads.status()).isEqualTo(404);
        assertThat(carolReads.contentType()).startsWith("application/problem+json");

        Api.Response files = api.get("/api/conversations/" + dm + "/attachments", bob.token());
        assertThat(files.body().path("items")).hasSize(1);
        assertThat(api.get("/api/messages/search?q=nothing&hasAttachment=true", bob.token()).status())
                .isEqualTo(200);

        String messageId = sent[0].body().path("id").asString();
        Api.Response deleted = api.call(HttpRequest.newBuilder(
                URI.create(stack.gatewayUrl() + "/api/conversations/" + dm + "/messages/" + messageId)).DELETE(),
                alice.token());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/media/" + mediaId, bob.token()).status()).as("deleted with its message")
                .isEqualTo(404);
        assertThat(api.get("/api/media/" + mediaId, alice.token()).status()).as("still the uploader's")
                .isEqualTo(200);
    }
}
