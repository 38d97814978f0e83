package dev.chat.message.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.Topics;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Sends, edits and deletes of one conversation, at once from many clients, share one change sequence: every change
 * takes exactly one number, with no gaps and no duplicates, and Kafka carries the changes in that order.
 */
class ChangeSequenceIT extends IntegrationTest {

    static final int THREADS = 8;
    static final int OPERATIONS = 50;

    record Sent(String id, int author) {
    }

    @Test
    void concurrentSendsEditsAndDeletesTakeEveryNumberOnceAndArePublishedInOrder() throws Exception {
        Group g = groupWithRoles();
        List<User> users = new ArrayList<>(List.of(g.owner(), g.admin(), g.member(), g.otherMember()));
        for (int i = users.size(); i < THREADS; i++) {
            User extra = user();
            applied(new dev.chat.events.MemberJoined(g.id(), extra.id(), "MEMBER", java.time.Instant.now()));
            users.add(extra);
        }
        List<Sent> sent = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

        try (var pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int me = t;
                workers.add(pool.submit(() -> {
                    Random random = new Random(me);
                    for (int op = 0; op < OPERATIONS; op++) {
                        int roll = random.nextInt(100);
                        List<Sent> mine = sent.stream().filter(s -> s.author() == me).toList();
                        if (roll < 45 || sent.isEmpty()) {
                            Http.Response r = send(g.id(), users.get(me), "t" + me + "-" + op, "from " + me + " #" + op);
                            count(outcomes, "send", r, 201);
                            sent.add(new Sent(r.json().get("id").asString(), me));
                        } else if (roll < 75 && !mine.isEmpty()) {
                            Sent target = mine.get(random.nextInt(mine.size()));
                            Http.Response r = edit(g.id(), users.get(me), target.id(), "edit " + me + " #" + op);
                            count(outcomes, "edit", r, 200, 409); // 409: deleted meanwhile (by the owner)
                        } else {
                            // the owner (thread 0) deletes anyone's message; the others their own
                            List<Sent> candidates = me == 0 ? sent : mine;
                            if (candidates.isEmpty()) {
                                continue;
                            }
                            Sent target = candidates.get(random.nextInt(candidates.size()));
                            count(outcomes, "delete", delete(g.id(), users.get(me), target.id()), 204);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }

        long last = lastChangeSeq(g.id());
        List<Long> expected = LongStream.rangeClosed(1, last).boxed().toList();
        List<Long> changeSeqs = jdbc.queryForList(
                "select seq from message_changes where conversation_id = ? order by seq", Long.class, g.id());
        List<Long> messageSeqs = jdbc.queryForList(
                "select seq from messages where conversation_id = ? order by seq", Long.class, g.id());
        Set<Long> union = new TreeSet<>(changeSeqs);
        union.addAll(messageSeqs);
        assertThat(changeSeqs).as("every number is one change").containsExactlyElementsOf(expected);
        assertThat(union).containsExactlyElementsOf(expected);
        assertThat(messageSeqs).hasSize(sent.size()).containsExactlyElementsOf(jdbc.queryForList(
                "select seq from message_changes where conversation_id = ? and kind = 'CREATED' order by seq",
                Long.class, g.id()));
        assertThat(jdbc.queryForObject("select count(*) from messages m join message_changes c"
                        + " on c.conversation_id = m.conversation_id and c.seq = m.seq and c.message_id = m.id"
                        + " where m.conversation_id = ?", Integer.class, g.id()))
                .as("each message's position is its CREATED change").isEqualTo(sent.size());
        int edits = count(g.id(), "EDITED");
        int deletes = count(g.id(), "DELETED");
        assertThat(deletes).isEqualTo(jdbc.queryForObject(
                "select count(*) from messages where conversation_id = ? and deleted_at is not null", Integer.class,
                g.id()));
        assertThat(edits).as("the run edited").isPositive();
        assertThat(deletes).as("the run deleted").isPositive();
        assertThat(last).isEqualTo(sent.size() + edits + deletes);

        List<EventEnvelope<ChatEvent>> events = Events.awaitKeyed(Topics.MESSAGES, g.id().toString(),
                seen -> seen.size() >= last);
        assertThat(events).hasSize((int) last);
        assertThat(events).extracting(e -> seqOf(e.payload())).containsExactlyElementsOf(expected);
        List<String> kinds = jdbc.queryForList(
                "select kind from message_changes where conversation_id = ? order by seq", String.class, g.id());
        assertThat(events).extracting(e -> kindOf(e.payload())).containsExactlyElementsOf(kinds);
    }

    private static void count(Map<String, AtomicInteger> outcomes, String what, Http.Response r, int... expected) {
        assertThat(r.status()).as(what + ": " + r).isIn(java.util.Arrays.stream(expected).boxed().toList());
        outcomes.computeIfAbsent(what + " " + r.status(), k -> new AtomicInteger()).incrementAndGet();
    }

    private int count(UUID conversation, String kind) {
        return jdbc.queryForObject("select count(*) from message_changes where conversation_id = ? and kind = ?",
                Integer.class, conversation, kind);
    }

    private static long seqOf(ChatEvent event) {
        return switch (event) {
            case MessageCreated c -> c.seq();
            case MessageEdited e -> e.seq();
            case MessageDeleted d -> d.seq();
            default -> throw new AssertionError(event);
        };
    }

    private static String kindOf(ChatEvent event) {
        return switch (event) {
            case MessageCreated c -> "CREATED";
            case MessageEdited e -> "EDITED";
            case MessageDeleted d -> "DELETED";
            default -> throw new AssertionError(event);
        };
    }
}
