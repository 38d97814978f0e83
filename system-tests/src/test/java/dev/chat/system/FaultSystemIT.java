package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.testsupport.Redis;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spine under faults, driven through the gateway by clients that follow the protocol (resume,
 * positions, epoch, catch-up) while messages are sent all along: a presence node is killed (-9), Kafka is
 * stopped, Redis loses every key, message-service is killed (-9). After each fault, pushes (not only
 * catch-up) must flow again; at the end every acknowledged message has reached every member exactly once,
 * in seq order, with no catch-up the protocol would not have made.
 */
class FaultSystemIT {

    static Stack stack;
    static Api api;
    final List<ProtocolClient> clients = new ArrayList<>();
    /** conversation -> its members' user ids, then their clients. */
    final Map<String, Set<String>> memberIds = new LinkedHashMap<>();
    final Map<String, List<ProtocolClient>> membersOf = new LinkedHashMap<>();
    /** conversation -> seqs the API acknowledged (201). */
    final Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
    final AtomicInteger refusedSends = new AtomicInteger();
    volatile boolean sending = true;

    @BeforeAll
    static void startStack() {
        stack = Stack.shared();
        api = new Api(stack.gatewayUrl());
    }

    @AfterAll
    static void kafkaRunsAgain() {
        stack.kafka().start(); // later test classes share the stack; a no-op when it runs
    }

    @Test
    void everyAcknowledgedMessageReachesEveryMemberOnceInOrderThroughEveryFault() throws Exception {
        List<Api.User> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(api.newUser("fault" + i));
        }
        for (int i = 0; i < 6; i += 2) {
            conversation(api.createDirect(users.get(i), users.get(i + 1)), users.get(i), users.get(i + 1));
        }
        conversation(createGroup(users.get(0), users.get(2), users.get(4)), users.get(0), users.get(2), users.get(4));
        for (Api.User u : users) {
            List<String> mine = memberIds.entrySet().stream().filter(e -> e.getValue().contains(u.id()))
                    .map(Map.Entry::getKey).toList();
            clients.add(new ProtocolClient(api, stack.gatewayWsUrl(), u, mine));
        }
        memberIds.forEach((c, ids) -> membersOf.put(c,
                clients.stream().filter(client -> ids.contains(client.user().id())).toList()));
        await("every client connected", () -> clients.stream().allMatch(c -> c.connections() >= 1));

        Thread sender = Thread.ofPlatform().name("fault-sender").daemon(true).start(this::sendAllAlong);
        try {
            pushesFlow("at the start");

            stack.kill("presence-0");
            pushesFlow("after kill -9 of a presence node");
            stack.restart("presence-0");

            stack.kafka().stop();
            TimeUnit.SECONDS.sleep(10);
            stack.kafka().start();
            pushesFlow("after Kafka was down for 10 s");

            flushRedis();
            pushesFlow("after Redis lost every key");
            await("connected clients saw the new epoch", () -> clients.stream().allMatch(c -> c.epochChanges() > 0));

            stack.kill("message");
            TimeUnit.SECONDS.sleep(3);
            stack.restart("message");
            pushesFlow("after kill -9 of message-service");
        } finally {
            sending = false;
            sender.join(TimeUnit.SECONDS.toMillis(60));
        }

        // Nothing lost, nothing twice, in order: each member converges to the server's history on its own.
        Map<String, List<Long>> truth = new LinkedHashMap<>();
        for (Map.Entry<String, List<ProtocolClient>> e : membersOf.entrySet()) {
            List<Long> seqs = api.messagesAfter(e.getValue().getFirst().user(), e.getKey(), 0).stream()
                    .map(m -> m.path("seq").asLong()).toList();
            truth.put(e.getKey(), seqs);
            assertThat(seqs).as("the history of %s holds every acknowledged message", e.getKey())
                    .containsAll(acknowledged.getOrDefault(e.getKey(), Set.of()));
            assertThat(seqs).as("seqs are 1..n").containsExactlyElementsOf(
                    LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        }
        await("every member holds its conversations' whole history", () -> membersOf.entrySet().stream()
                .allMatch(e -> e.getValue().stream().allMatch(
                        c -> c.appliedSeqs(e.getKey()).size() >= truth.get(e.getKey()).size())));
        for (Map.Entry<String, List<ProtocolClient>> e : membersOf.entrySet()) {
            for (ProtocolClient c : e.getValue()) {
                assertThat(c.appliedSeqs(e.getKey()))
                        .as("%s applied each message of %s exactly once, in order", c.user().username(), e.getKey())
                        .containsExactlyElementsOf(truth.get(e.getKey()));
            }
        }
        assertThat(acknowledged.values().stream().mapToInt(Set::size).sum()).as("messages acknowledged")
                .isGreaterThan(100);
    }

    private void conversation(String id, Api.User... members) {
        memberIds.put(id, Arrays.stream(members).map(Api.User::id).collect(Collectors.toSet()));
    }

    private String createGroup(Api.User owner, Api.User... others) {
        Api.Response r = api.post("/api/conversations", owner.token(), Map.of("type", "GROUP", "title", "faults",
                "memberIds", Arrays.stream(others).map(Api.User::id).toList()));
        assertThat(r.status()).as("create group: %s", r.body()).isEqualTo(201);
        return r.body().path("id").asString();
    }

    /** About 10 messages a second, round-robin over the conversations, each retried with its id until acknowledged. */
    private void sendAllAlong() {
        List<String> conversations = List.copyOf(membersOf.keySet());
        for (int i = 0; sending; i++) {
            String c = conversations.get(i % conversations.size());
            List<ProtocolClient> members = membersOf.get(c);
            sendUntilAcknowledged(members.get(i % members.size()).user(), c, "m" + i, 30);
            sleep(100);
        }
    }

    /** @return the acknowledged seq, or -1 when it was not acknowledged in time */
    private long sendUntilAcknowledged(Api.User from, String conversationId, String body, int maxSeconds) {
        String clientMessageId = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (System.nanoTime() < deadline) {
            try {
                Api.Response r = api.sendRaw(from, conversationId, clientMessageId, body);
                if (r.status() == 201 || r.status() == 200) {
                    long seq = r.body().path("seq").asLong();
                    acknowledged.computeIfAbsent(conversationId, k -> ConcurrentHashMap.newKeySet()).add(seq);
                    return seq;
                }
                assertThat(r.status()).as("a send is acknowledged or refused as unavailable: %s", r.body())
                        .isIn(502, 503, 504);
                assertThat(r.contentType()).startsWith("application/problem+json");
                refusedSends.incrementAndGet();
            } catch (IllegalStateException | tools.jackson.core.JacksonException e) {
                refusedSends.incrementAndGet(); // connection refused or reset while a service is down
            }
            sleep(250);
        }
        return -1;
    }

    /** After a fault: a message sent now reaches every member by push (not catch-up), within a generous bound. */
    private void pushesFlow(String when) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String c = List.copyOf(membersOf.keySet()).getLast(); // the group
        List<ProtocolClient> members = membersOf.get(c);
        while (System.nanoTime() < deadline) {
            long seq = sendUntilAcknowledged(members.getFirst().user(), c, "probe " + when, 60);
            if (seq > 0) {
                long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < probeDeadline) {
                    if (members.stream().allMatch(m -> m.gotPush(c, seq))) {
                        return;
                    }
                    sleep(100);
                }
            }
        }
        throw new AssertionError("pushes did not flow again " + when);
    }

    private static void flushRedis() throws IOException {
        try (Socket s = new Socket(Redis.HOST, Redis.PORT); OutputStream out = s.getOutputStream()) {
            out.write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[5];
            int n = s.getInputStream().read(reply);
            assertThat(new String(reply, 0, Math.max(n, 0), StandardCharsets.US_ASCII)).startsWith("+OK");
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 120 s: " + what);
            }
            sleep(200);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ProtocolClient::close);
    }
}
