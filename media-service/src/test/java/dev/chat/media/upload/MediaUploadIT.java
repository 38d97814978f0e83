package dev.chat.media.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.EventJson;
import dev.chat.events.MediaUploaded;
import dev.chat.events.Topics;
import dev.chat.media.S3ProxyServer;
import dev.chat.media.download.StandInMessageService;
import dev.chat.testsupport.KafkaBroker;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The upload flow against real PostgreSQL, Kafka and s3proxy, over real HTTP. */
@RealInfrastructure(database = "media_it", redis = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaUploadIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BUCKET = "media-it";
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] PDF_MAGIC = "%PDF-1.7\n".getBytes();

    @DynamicPropertySource
    static void s3proxy(DynamicPropertyRegistry registry) {
        registry.add("chat.media.s3.endpoint", () -> S3ProxyServer.shared().endpoint().toString());
        registry.add("chat.media.s3.public-endpoint", () -> S3ProxyServer.shared().endpoint().toString());
        registry.add("chat.media.s3.access-key", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("chat.media.s3.secret-key", () -> S3ProxyServer.SECRET_KEY);
        registry.add("chat.media.s3.bucket", () -> BUCKET);
        registry.add("chat.media.message-uri", () -> MESSAGES.uri());
    }

    private static final StandInMessageService MESSAGES = StandInMessageService.shared();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    S3Client s3;

    private final HttpClient http = HttpClient.newHttpClient();
    private final UUID alice = UUID.randomUUID();
    private final String aliceToken = TestIssuer.shared().token(alice, "alice");

    @Test
    void anUploadedFileCanBeDownloadedOnceCompletedAndIsAnnouncedOnKafka() throws Exception {
        byte[] bytes = file(PNG_MAGIC, 5000);
        Answer created = post("/api/media/uploads", upload("cat.png", "image/png", bytes.length), aliceToken);
        assertThat(created.status()).isEqualTo(201);
        UUID mediaId = UUID.fromString(created.body().get("mediaId").asString());
        assertThat(created.headers().firstValue("Location")).hasValue("/api/media/" + mediaId);
        assertThat(Instant.parse(created.body().get("expiresAt").asString()))
                .isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(660));

        assertThat(put(created.body().get("uploadUrl").asString(), "image/png", bytes).statusCode()).isEqualTo(200);
        Answer pending = get("/api/media/" + mediaId, aliceToken);
        assertThat(pending.body().get("status").asString()).isEqualTo("PENDING");
        assertThat(pending.body().get("downloadUrl").isNull()).isTrue();

        Answer completed = post("/api/media/" + mediaId + "/complete", null, aliceToken);
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.body().get("status").asString()).isEqualTo("READY");

        Answer fetched = get("/api/media/" + mediaId, aliceToken);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().get("filename").asString()).isEqualTo("cat.png");
        assertThat(fetched.body().get("sizeBytes").asLong()).isEqualTo(bytes.length);
        HttpResponse<byte[]> download = http.send(
                HttpRequest.newBuilder(URI.create(fetched.body().get("downloadUrl").asString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);

        MediaUploaded event = awaitMediaUploaded(mediaId);
        assertThat(event.ownerId()).isEqualTo(alice);
        assertThat(event.contentType()).isEqualTo("image/png");
        assertThat(event.sizeBytes()).isEqualTo(bytes.length);
        assertThat(event.filename()).isEqualTo("cat.png");
    }

    @Test
    void theUploadUrlCannotReplaceTheBytesOnceCompleted() throws Exception {
        byte[] bytes = file(PNG_MAGIC, 300);
        Answer created = post("/api/media/uploads", upload("a.png", "image/png", bytes.length), aliceToken);
        String uploadUrl = created.body().get("uploadUrl").asString();
        put(uploadUrl, "image/png", bytes);
        String mediaPath = "/api/media/" + created.body().get("mediaId").asString();
        assertThat(post(mediaPath + "/complete", null, aliceToken).status()).isEqualTo(200);

        put(uploadUrl, "image/png", file(PNG_MAGIC, 300)); // still within the URL's 10 minutes

        assertThat(post(mediaPath + "/complete", null, aliceToken).status()).isEqualTo(200);
        String downloadUrl = get(mediaPath, aliceToken).body().get("downloadUrl").asString();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(downloadUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body()).isEqualTo(bytes);
    }

    @Test
    void bytesThatContradictTheDeclaredTypeAreRefusedAndDiscarded() throws Exception {
        byte[] pdf = file(PDF_MAGIC, 2000);
        Answer created = post("/api/media/uploads", upload("holiday.png", "image/png", pdf.length), aliceToken);
        UUID mediaId = UUID.fromString(created.body().get("mediaId").asString());
        put(created.body().get("uploadUrl").asString(), "image/png", pdf);

        Answer refused = post("/api/media/" + mediaId + "/complete", null, aliceToken);

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(objectExists("uploads/" + mediaId)).isFalse();
        assertThat(objectExists("media/" + alice + "/" + mediaId)).isFalse();
        assertThat(get("/api/media/" + mediaId, aliceToken).body().get("status").asString()).isEqualTo("PENDING");
    }

    @ParameterizedTest(name = "{0} of {1} bytes -> {2}")
    @CsvSource({
            "image/png,                15728640, 201",
            "image/png,                15728641, 413",
            "IMAGE/JPEG; q=1,          15728641, 413",
            "application/pdf,          20971520, 201",
            "application/pdf,          20971521, 413",
            "text/html,                10,       415",
            "application/x-msdownload, 10,       415",
    })
    void uploadsAreLimitedByTypeAndSize(String contentType, long size, int expectedStatus) throws Exception {
        long before = countMediaOf(alice);

        Answer answer = post("/api/media/uploads", upload("f", contentType, size), aliceToken);

        assertThat(answer.status()).isEqualTo(expectedStatus);
        assertThat(countMediaOf(alice)).isEqualTo(expectedStatus == 201 ? before + 1 : before);
        if (expectedStatus != 201) {
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.body().get("status").asInt()).isEqualTo(expectedStatus);
        }
    }

    @Test
    void anotherUsersMediaIsNotFound() throws Exception {
        byte[] bytes = file(PNG_MAGIC, 100);
        Answer created = post("/api/media/uploads", upload("mine.png", "image/png", bytes.length), aliceToken);
        String mediaPath = "/api/media/" + created.body().get("mediaId").asString();
        put(created.body().get("uploadUrl").asString(), "image/png", bytes);
        String bobToken = TestIssuer.shared().token(UUID.randomUUID(), "bob");

        assertThat(post(mediaPath + "/complete", null, bobToken).status()).isEqualTo(404);
        assertThat(post(mediaPath + "/complete", null, aliceToken).status()).isEqualTo(200);
        Answer bobReads = get(mediaPath, bobToken);
        assertThat(bobReads.status()).isEqualTo(404);
        assertThat(bobReads.contentType()).isEqualTo("application/problem+json");
        assertThat(get("/api/media/" + UUID.randomUUID(), aliceToken).status()).isEqualTo(404);
    }

    @Test
    void membersOfAConversationWhereItIsAttachedMayDownloadIt() throws Exception {
        UUID bob = UUID.randomUUID();
        String bobToken = TestIssuer.shared().token(bob, "bob");
        byte[] bytes = file(PDF_MAGIC, 800);
        Answer created = post("/api/media/uploads", upload("plan.pdf", "application/pdf", bytes.length), aliceToken);
        UUID mediaId = UUID.fromString(created.body().get("mediaId").asString());
        String mediaPath = "/api/media/" + mediaId;
        put(created.body().get("uploadUrl").asString(), "application/pdf", bytes);
        MESSAGES.share(mediaId, bob); // even if message-service said so, a PENDING upload is only its owner's
        int asked = MESSAGES.hits();
        assertThat(get(mediaPath, bobToken).status()).isEqualTo(404);
        assertThat(MESSAGES.hits()).as("someone else's pending upload: nobody is asked").isEqualTo(asked);

        post(mediaPath + "/complete", null, aliceToken);
        Answer bobReads = get(mediaPath, bobToken);
        assertThat(bobReads.status()).isEqualTo(200);
        HttpResponse<byte[]> download = http.send(
                HttpRequest.newBuilder(URI.create(bobReads.body().get("downloadUrl").asString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(bytes);

        String carolToken = TestIssuer.shared().token(UUID.randomUUID(), "carol");
        assertThat(get(mediaPath, carolToken).status()).as("message-service says no conversation of hers")
                .isEqualTo(404);
        MESSAGES.failing(true);
        try {
            Answer away = get(mediaPath, bobToken);
            assertThat(away.status()).isEqualTo(503);
            assertThat(away.contentType()).isEqualTo("application/problem+json");
            assertThat(get(mediaPath, aliceToken).status()).as("the owner needs nobody else").isEqualTo(200);
        } finally {
            MESSAGES.failing(false);
        }
    }

    @Test
    void completingWithoutTheBytesIsNotFoundAndWithOtherSizeAConflict() throws Exception {
        Answer created = post("/api/media/uploads", upload("doc.pdf", "application/pdf", 1000), aliceToken);
        String mediaPath = "/api/media/" + created.body().get("mediaId").asString();

        assertThat(post(mediaPath + "/complete", null, aliceToken).status()).isEqualTo(404);

        put(created.body().get("uploadUrl").asString(), "application/pdf", file(PDF_MAGIC, 999));
        Answer conflict = post(mediaPath + "/complete", null, aliceToken);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("detail").asString()).contains("999");
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthorizedProblems() throws Exception {
        Answer anonymous = post("/api/media/uploads", upload("a.png", "image/png", 10), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");

        String expired = TestIssuer.shared().token(alice, "alice", TestIssuer.shared().issuer(), Duration.ofMinutes(-5));
        assertThat(get("/api/media/" + UUID.randomUUID(), expired).status()).isEqualTo(401);
    }

    @Test
    void invalidUploadRequestsNameTheWrongFields() throws Exception {
        Answer answer = post("/api/media/uploads",
                Map.of("filename", "../etc/passwd", "contentType", "png", "sizeBytes", -1), aliceToken);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("filename", "contentType", "sizeBytes");
        assertThat(post("/api/media/uploads", "{not json", aliceToken).status()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ helpers

    record Answer(int status, String contentType, JsonNode body, HttpHeaders headers) {
    }

    private static Map<String, Object> upload(String filename, String contentType, long size) {
        return Map.of("filename", filename, "contentType", contentType, "sizeBytes", size);
    }

    private static byte[] file(byte[] magic, int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    private Answer post(String path, Object body, String token) throws IOException, InterruptedException {
        String json = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        String contentType = response.headers().firstValue("Content-Type").orElse("").split(";")[0];
        return new Answer(response.statusCode(), contentType, body, response.headers());
    }

    private HttpResponse<Void> put(String url, String contentType, byte[] bytes)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private boolean objectExists(String key) {
        try {
            s3.headObject(o -> o.bucket(BUCKET).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private long countMediaOf(UUID owner) {
        return jdbc.sql("select count(*) from media where owner_id = ?").param(owner).query(Long.class).single();
    }

    private static MediaUploaded awaitMediaUploaded(UUID mediaId) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "media-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.MEDIA));
            MediaUploaded[] found = new MediaUploaded[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (EventJson.read(record.value()).payload() instanceof MediaUploaded e
                            && e.mediaId().equals(mediaId)) {
                        found[0] = e;
                    }
                }
                return found[0] != null;
            });
            return found[0];
        }
    }
}
