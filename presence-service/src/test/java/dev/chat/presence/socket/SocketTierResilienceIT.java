package dev.chat.presence.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.socket.RealtimeKeys;
import dev.chat.events.socket.ServerFrames;
import dev.chat.presence.TestSocket;
import dev.chat.presence.node.NodeId;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.TestIssuer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Redis lost whole, periodic positions, admission control and expired tokens. Its own context: short heartbeat
 * and positions periods, a node that holds only 3 sockets (2 in their handshake), its own Redis database (13),
 * so that emptying Redis here does not pull the keys from under the other test classes of this JVM, nor the
 * other modules' tests that share the machine's Redis (pub/sub channels are server-wide, but the node's is its
 * own), and a JWKS that adds a key of its own to TestIssuer's, to sign tokens with any issued-at and expiry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.data.redis.database=13",
        "chat.presence.heartbeat-interval=1s",
        "chat.presence.socket.positions-interval=1s",
        "chat.presence.socket.max-sockets=3",
        "chat.presence.socket.max-handshakes=2",
        "chat.presence.socket.auth-timeout=60s"})
@ActiveProfiles("it")
@RealInfrastructure(database = "presence_it")
class SocketTierResilienceIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    NodeId nodeId;
    @Autowired
    SocketAdmission admission;

    @DynamicPropertySource
    static void ownKeyToo(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", OwnKey::jwksUri);
    }

    private static String token(UUID user) {
        return TestIssuer.shared().token(user, "r" + user.toString().substring(0, 6));
    }

    /** The next frame of {@code type}, skipping others (periodic positions may come at any moment). */
    private static JsonNode next(TestSocket socket, String type) {
        for (int i = 0; i < 100; i++) {
            JsonNode frame = socket.next();
            if (type.equals(frame.path("type").asString())) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame among 100");
    }

    private void noSocketsLeft() {
        await().atMost(PATIENCE).until(() -> admission.sockets() == 0);
    }

    @Test
    void afterRedisLostEverythingTheNodeWritesItsEntriesAgainAndSocketsLearnTheNewEpoch() {
        UUID user = UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, token(user))) {
            String before = socket.welcome.path("epoch").asString();
            assertThat(before).isEqualTo(redis.opsForValue().get(RealtimeKeys.EPOCH));

            redis.execute((RedisConnection c) -> {
                c.serverCommands().flushDb(); // this context's database only: FLUSHALL for this node
                return null;
            });

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(redis.hasKey(RealtimeKeys.heartbeat(nodeId.value()))).isTrue();
                assertThat(redis.opsForSet().isMember(RealtimeKeys.NODES, nodeId.value())).isTrue();
                assertThat(redis.opsForHash().get(RealtimeKeys.userNodes(user), nodeId.value())).isEqualTo("1");
                assertThat(redis.opsForSet().isMember(RealtimeKeys.nodeUsers(nodeId.value()), user.toString())).isTrue();
            });
            String after = redis.opsForValue().get(RealtimeKeys.EPOCH);
            assertThat(after).isNotBlank().isNotEqualTo(before);

            // The socket holds no conversation yet: it is told the new epoch once, with no entries.
            JsonNode positions = next(socket, "positions");
            assertThat(positions.path("epoch").asString()).isEqualTo(after);
            assertThat(positions.path("positions").size()).isZero();
        }
    }

    @Test
    void aSocketThatGotAPushGetsPeriodicPositionsOfThatConversation() {
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        UUID resumed = UUID.randomUUID();
        UUID notMine = UUID.randomUUID();
        try (TestSocket socket = TestSocket.authenticated(port, token(user))) {
            redis.opsForZSet().add(RealtimeKeys.POSITIONS, conversation.toString(), 7);
            String frame = "{\"type\":\"message.created\",\"conversationId\":\"" + conversation + "\",\"seq\":7}";
            redis.convertAndSend(RealtimeKeys.channel(nodeId.value()),
                    ServerFrames.batch(conversation, List.of(user), ServerFrames.escaped(frame)));
            assertThat(next(socket, "message.created").path("seq").asLong()).isEqualTo(7);

            // A lost push: the fan-out moved the position, the socket never got the frame.
            redis.opsForZSet().add(RealtimeKeys.POSITIONS, conversation.toString(), 8);
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode positions = next(socket, "positions");
                assertThat(positions.path("epoch").asString()).isEqualTo(redis.opsForValue().get(RealtimeKeys.EPOCH));
                assertThat(positions.path("positions").path(conversation.toString()).asLong()).isEqualTo(8);
            });

            // A resumed conversation joins the socket's set; one the user is not in does not.
            redis.opsForSet().add(RealtimeKeys.userConversations(user), conversation.toString(), resumed.toString());
            socket.send("{\"type\":\"resume\",\"positions\":{\"%s\":0,\"%s\":0}}".formatted(resumed, notMine));
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode positions = next(socket, "positions").path("positions");
                assertThat(positions.has(resumed.toString())).isTrue();
                assertThat(positions.has(conversation.toString())).isTrue();
                assertThat(positions.has(notMine.toString())).isFalse();
            });
        }
    }

    @Test
    void aFullNodeRefusesTheNextUpgradeWith503AndRetryAfter() throws IOException {
        noSocketsLeft();
        List<TestSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(TestSocket.authenticated(port, token(UUID.randomUUID())));
            }
            RawResponse refused = upgrade();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
            assertThat(Long.parseLong(refused.headers().get("retry-after"))).isPositive();
            assertThat(TestSocket.JSON.readTree(refused.body()).path("status").asInt()).isEqualTo(503);

            held.removeFirst().close();
            await().atMost(PATIENCE).until(() -> admission.sockets() < 3);
            held.add(TestSocket.authenticated(port, token(UUID.randomUUID())));
        } finally {
            held.forEach(TestSocket::close);
        }
    }

    @Test
    void socketsStillInTheirHandshakeAreBoundedOnTheirOwn() throws IOException {
        noSocketsLeft();
        try (TestSocket first = TestSocket.connect(port); TestSocket second = TestSocket.connect(port)) {
            assertThat(upgrade().status()).isEqualTo(503); // 2 sockets, but both still to authenticate
            UUID user = UUID.randomUUID();
            first.send("{\"type\":\"auth\",\"token\":\"" + token(user) + "\"}");
            assertThat(next(first, "welcome").path("userId").asString()).isEqualTo(user.toString());
            try (TestSocket third = TestSocket.authenticated(port, token(UUID.randomUUID()))) {
                assertThat(third.welcome.path("epoch").asString()).isNotBlank();
            }
        }
    }

    @Test
    void aTokenThatExpiredTenSecondsAgoIsRefusedOnTheSocketAndOnRest() throws Exception {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        // Spring's default skew would accept it for 50 s more; ours (5 s) does not.
        String expired = OwnKey.token(user, now.minus(Duration.ofMinutes(15)), now.minusSeconds(10));
        try (TestSocket socket = TestSocket.connect(port)) {
            socket.send("{\"type\":\"auth\",\"token\":\"" + expired + "\"}");
            assertThat(socket.awaitClose()).isEqualTo(4401);
        }
        assertThat(redis.hasKey(RealtimeKeys.userNodes(user))).isFalse();

        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest
                        .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/presence?userIds=" + user))
                        .header("Authorization", "Bearer " + expired).timeout(PATIENCE).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(401);
        assertThat(rest.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));

        // The same key with a live token is accepted: the refusal above was the expiry, not the key.
        String live = OwnKey.token(user, now.minusSeconds(60), now.plus(Duration.ofMinutes(5)));
        noSocketsLeft();
        try (TestSocket socket = TestSocket.authenticated(port, live)) {
            assertThat(socket.welcome.path("userId").asString()).isEqualTo(user.toString());
        }
    }

    /**
     * TestIssuer stamps every token issued 1 s ago, so its "expired" tokens have their expiry before their
     * issued-at, which Spring refuses before any expiry check. This key signs real expired tokens; its JWKS
     * serves TestIssuer's keys too.
     */
    static final class OwnKey {

        private static final RSAKey KEY;
        private static final HttpServer SERVER;

        static {
            try {
                KEY = new RSAKeyGenerator(2048).keyID("own-" + UUID.randomUUID()).generate();
                SERVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (JOSEException | IOException e) {
                throw new IllegalStateException(e);
            }
            SERVER.createContext("/jwks.json", exchange -> {
                byte[] body;
                try {
                    String theirs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create(TestIssuer.shared().jwksUri())).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    List<JWK> keys = new ArrayList<>(JWKSet.parse(theirs).getKeys());
                    keys.add(KEY.toPublicJWK());
                    body = new JWKSet(keys).toString().getBytes(StandardCharsets.UTF_8);
                } catch (Exception e) {
                    exchange.sendResponseHeaders(500, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            SERVER.start();
        }

        static String jwksUri() {
            return "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/jwks.json";
        }

        static String token(UUID user, Instant issuedAt, Instant expiresAt) throws JOSEException {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(TestIssuer.shared().issuer()).subject(user.toString())
                            .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt)).build());
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        }
    }

    record RawResponse(int status, Map<String, String> headers, String body) {
    }

    /** A WebSocket handshake on a plain socket, to read a refusal's status, headers and body. */
    private RawResponse upgrade() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String[] head = readHead(in).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), headers, body);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
