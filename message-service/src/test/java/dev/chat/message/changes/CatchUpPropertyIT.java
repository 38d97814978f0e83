package dev.chat.message.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MessageCreated;
import dev.chat.events.MessageDeleted;
import dev.chat.events.MessageEdited;
import dev.chat.events.MessagePinned;
import dev.chat.events.MessageUnpinned;
import dev.chat.events.ReactionAdded;
import dev.chat.events.ReactionRemoved;
import dev.chat.events.Topics;
import dev.chat.events.socket.ServerFrames;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resume proved the way Zulip proves its event system ({@code verify_action}): random sends (some of them replies,
 * which count on their parent), edits, deletes,
 * reactions added and removed, pins and unpins; a
 * client that gets only some of the pushed frames (the frames the fan-out builds from the published events), catches
 * up from the change feed whenever it sees a gap (and at periodic "positions"), reloads when told to reset; and at
 * the end holds exactly what a fresh load of the conversation shows: bodies, reactions with their counts, order and
 * "me", pins. A guard fails the test if a run exercised no edits, deletes, reactions, pins, dropped pushes, catch-ups
 * or resets: a property that held because nothing happened proves nothing.
 */
class CatchUpPropertyIT extends IntegrationTest {

    static final int TRIALS = 4;
    static final int ROUNDS = 12;

    @Autowired
    ChangesRetention retention;

    /** What the guard counts over all trials. */
    final Map<String, Integer> exercised = new TreeMap<>();

    @Test
    void aClientThatMissesPushesAndCatchesUpHoldsWhatAFreshLoadShows() {
        for (long seed = 1; seed <= TRIALS; seed++) {
            trial(seed);
        }

        for (String what : List.of("applied created", "applied edited", "applied deleted", "applied reaction added",
                "applied reaction removed", "applied reply", "applied pinned", "applied unpinned", "reacted by me",
                "an emoji shared by two", "dropped push", "caught up on a gap", "caught up at positions", "reset",
                "refused", "refused pin")) {
            assertThat(exercised.getOrDefault(what, 0)).as("the run exercised " + what + " (" + exercised + ")")
                    .isPositive();
        }
    }

    private void trial(long seed) {
        Random random = new Random(seed);
        added.clear();
        pinned.clear();
        Group g = groupWithRoles();
        List<User> people = List.of(g.owner(), g.admin(), g.member(), g.otherMember());
        Client client = new Client(g.id(), g.member(), random);
        List<JsonNode> sent = new ArrayList<>();
        int retentionRound = 2 + random.nextInt(ROUNDS - 4);
        try (Events.Tail tail = Events.tail(Topics.MESSAGES)) {
            long published = 0;
            for (int round = 0; round < ROUNDS; round++) {
                int operations = 1 + random.nextInt(6);
                for (int op = 0; op < operations; op++) {
                    act(random, g, people, sent, op == 0 && round == retentionRound);
                }
                long target = lastChangeSeq(g.id());
                List<EventEnvelope<ChatEvent>> events = List.of();
                if (target > published) {
                    long until = target;
                    List<EventEnvelope<ChatEvent>> all = tail.awaitKeyed(g.id().toString(),
                            seen -> !seen.isEmpty() && seqOf(seen.getLast().payload()) >= until);
                    events = all.subList((int) published, all.size());
                    published = target;
                }
                if (round == retentionRound) {
                    // the retention passes over everything so far; the client misses this round's first push
                    jdbc.update("update message_changes set created_at = now() - interval '31 days'"
                            + " where conversation_id = ?", g.id());
                    retention.purge();
                }
                for (int i = 0; i < events.size(); i++) {
                    boolean drop = (round == retentionRound && i == 0) || random.nextInt(100) < 35;
                    if (drop) {
                        count("dropped push");
                    } else {
                        client.push(Http.JSON.readTree(frame(events.get(i).payload())));
                    }
                }
                if (random.nextBoolean()) {
                    client.positions(lastChangeSeq(g.id()));
                }
            }
            client.positions(lastChangeSeq(g.id()));
        }

        Map<Long, JsonNode> fresh = freshLoad(g);
        assertThat(client.messages).as("seed " + seed + ": the client equals a fresh load").isEqualTo(fresh);
        assertThat(client.last).isEqualTo(lastChangeSeq(g.id()));
        List<String> pinnedByTheClient = client.messages.values().stream().filter(m -> !m.get("pinnedAt").isNull())
                .sorted(java.util.Comparator.comparing(
                        (JsonNode m) -> java.time.Instant.parse(m.get("pinnedAt").asString())).reversed())
                .map(m -> m.get("id").asString()).toList();
        assertThat(http.get("/api/conversations/" + g.id() + "/pins", g.member().token()).json().get("items"))
                .extracting(m -> m.get("id").asString()).as("the pins list, newest first")
                .containsExactlyElementsOf(pinnedByTheClient);
    }

    static final List<String> EMOJIS = List.of("👍", "❤️", "🇫🇷");

    /** Reactions this test added (message id, who, emoji), some since removed or gone with their message. */
    record Added(String messageId, User who, String emoji) {
    }

    final List<Added> added = new ArrayList<>();
    /** Messages this test pinned (some since deleted, which unpins them). */
    final List<String> pinned = new ArrayList<>();

    /**
     * One random send, edit, delete, reaction or pin, by a random member: some are refused (not the author, outranked,
     * deleted, not a moderator).
     */
    private void act(Random random, Group g, List<User> people, List<JsonNode> sent, boolean mustSend) {
        User actor = people.get(random.nextInt(people.size()));
        int roll = random.nextInt(100);
        if (!mustSend && !sent.isEmpty() && roll >= 60) {
            // mostly the last few messages, so that emojis gather more than one member
            String id = sent.get(Math.max(0, sent.size() - 1 - random.nextInt(Math.min(sent.size(), 4))))
                    .get("id").asString();
            Http.Response r;
            if (roll < 85) {
                if (!added.isEmpty() && random.nextInt(100) < 40) {
                    Added undo = added.remove(random.nextInt(added.size()));
                    r = react(g.id(), undo.who(), undo.messageId(), undo.emoji(), false);
                } else if (!added.isEmpty() && random.nextBoolean()) { // join someone's reaction
                    Added join = added.get(random.nextInt(added.size()));
                    r = react(g.id(), actor, join.messageId(), join.emoji(), true);
                    added.add(new Added(join.messageId(), actor, join.emoji()));
                } else {
                    String emoji = EMOJIS.get(random.nextInt(EMOJIS.size()));
                    r = react(g.id(), actor, id, emoji, true);
                    added.add(new Added(id, actor, emoji));
                }
            } else {
                if (!pinned.isEmpty() && random.nextBoolean()) {
                    String unpin = pinned.get(random.nextInt(pinned.size()));
                    r = pin(g.id(), actor, unpin, false);
                    if (r.status() == 204) {
                        pinned.remove(unpin);
                    }
                } else {
                    r = pin(g.id(), actor, id, true);
                    if (r.status() == 204) {
                        pinned.add(id);
                    }
                }
                if (r.status() == 403) {
                    count("refused pin");
                }
            }
            assertThat(r.status()).as(r.toString()).isIn(204, 403, 409);
            if (r.status() >= 400) {
                count("refused");
            }
            return;
        }
        if (mustSend || sent.isEmpty() || roll < 35) {
            int said = random.nextInt(1000);
            // a third of the sends reply to an earlier message, deleted or not (decided from the same draw, so
            // the seeds keep exercising what they exercised before replies existed)
            Http.Response r = !sent.isEmpty() && said % 3 == 0
                    ? http.post("/api/conversations/" + g.id() + "/messages", actor.token(),
                            Map.of("clientMessageId", "c-" + UUID.randomUUID(), "body", "said " + said,
                                    "replyToId", sent.get(said % sent.size()).get("id").asString()))
                    : send(g.id(), actor, "c-" + UUID.randomUUID(), "said " + said);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            sent.add(r.json());
            return;
        }
        JsonNode target = sent.get(random.nextInt(sent.size()));
        String id = target.get("id").asString();
        User author = people.stream().filter(p -> p.id().toString().equals(target.get("senderId").asString()))
                .findFirst().orElseThrow();
        User who = random.nextInt(100) < 75 ? author : actor;
        Http.Response r = roll < 50
                ? edit(g.id(), who, id, random.nextInt(10) == 0 ? target.get("body").asString() : "edited " + roll)
                : delete(g.id(), who, id);
        assertThat(r.status()).as(r.toString()).isIn(200, 204, 403, 409);
        if (r.status() >= 400) {
            count("refused");
        }
    }

    private Map<Long, JsonNode> freshLoad(Group g) {
        Map<Long, JsonNode> loaded = new TreeMap<>();
        long after = 0;
        JsonNode page;
        do {
            page = history(g.id(), g.member(), "afterSeq=" + after + "&limit=7").json();
            for (JsonNode m : page.get("items")) {
                loaded.put(m.get("seq").asLong(), m);
                after = m.get("seq").asLong();
            }
        } while (page.get("hasMore").asBoolean());
        return loaded;
    }

    /** The client: its messages by position and the highest change number it applied. One code path for all frames. */
    final class Client {
        final UUID conversation;
        final User me;
        final Random random;
        Map<Long, JsonNode> messages = new TreeMap<>();
        long last;

        Client(UUID conversation, User me, Random random) {
            this.conversation = conversation;
            this.me = me;
            this.random = random;
        }

        void push(JsonNode frame) {
            long seq = frame.get("seq").asLong();
            if (seq <= last) {
                return; // a duplicate
            }
            if (seq != last + 1) {
                count("caught up on a gap");
                catchUp();
            }
            if (seq == last + 1) {
                apply(frame);
            }
        }

        /** A positions frame: the latest number of the conversation. */
        void positions(long latest) {
            if (latest > last) {
                count("caught up at positions");
                catchUp();
            }
        }

        void catchUp() {
            JsonNode page;
            do {
                int limit = 1 + random.nextInt(4);
                page = changes(conversation, me, "after=" + last + "&limit=" + limit).json();
                if (page.get("reset").asBoolean()) {
                    count("reset");
                    long resumeFrom = page.get("lastSeq").asLong();
                    messages = freshLoad(conversation);
                    last = resumeFrom;
                    page = changes(conversation, me, "after=" + last).json();
                    assertThat(page.get("reset").asBoolean()).isFalse();
                }
                for (JsonNode frame : page.get("changes")) {
                    assertThat(frame.get("seq").asLong()).isEqualTo(last + 1);
                    apply(frame);
                }
            } while (page.get("hasMore").asBoolean());
        }

        void apply(JsonNode frame) {
            switch (frame.get("type").asString()) {
                case "message.created" -> {
                    ObjectNode m = (ObjectNode) frame.get("message").deepCopy();
                    // The frame is the whole message as it is at creation: unpinned, no reactions, no replies yet
                    // (those come as their own changes; each reply's own message.created counts it).
                    assertThat(m.get("reactions").isArray() && m.get("reactions").isEmpty()).as("no reactions").isTrue();
                    assertThat(m.get("pinnedAt").isNull() && m.get("pinnedBy").isNull()).as("unpinned").isTrue();
                    assertThat(m.get("replyCount").asInt()).as("no replies").isZero();
                    assertThat(m.get("lastReplyAt").isNull()).isTrue();
                    JsonNode replyToId = m.get("replyToId");
                    if (replyToId != null && !replyToId.isNull()) {
                        messages.values().stream().filter(p -> p.get("id").equals(replyToId)).findFirst()
                                .map(ObjectNode.class::cast)
                                .ifPresent(parent -> {
                                    parent.put("replyCount", parent.get("replyCount").asInt() + 1)
                                            .set("lastReplyAt", m.get("createdAt"));
                                    count("applied reply");
                                });
                    }
                    messages.put(m.get("seq").asLong(), m);
                    count("applied created");
                }
                case "message.edited" -> {
                    ObjectNode m = held(frame);
                    m.set("body", frame.get("body"));
                    m.set("editedAt", frame.get("editedAt"));
                    count("applied edited");
                }
                case "message.deleted" -> {
                    ObjectNode m = held(frame);
                    m.put("body", "");
                    m.putArray("attachments"); // and no files
                    m.set("deletedAt", frame.get("deletedAt"));
                    m.set("deletedBy", frame.get("deletedBy"));
                    m.putNull("pinnedAt"); // a tombstone is unpinned and has no reactions
                    m.putNull("pinnedBy");
                    m.putArray("reactions");
                    count("applied deleted");
                }
                case "reaction.added" -> {
                    ArrayNode reactions = (ArrayNode) held(frame).get("reactions");
                    boolean mine = frame.get("userId").asString().equals(me.id().toString());
                    ObjectNode entry = entryFor(reactions, frame.get("emoji").asString());
                    if (entry == null) { // a new emoji goes last
                        reactions.addObject().put("emoji", frame.get("emoji").asString()).put("count", 1)
                                .put("me", mine);
                    } else {
                        entry.put("count", entry.get("count").asInt() + 1);
                        entry.put("me", entry.get("me").asBoolean() || mine);
                        count("an emoji shared by two");
                    }
                    if (mine) {
                        count("reacted by me");
                    }
                    count("applied reaction added");
                }
                case "reaction.removed" -> {
                    ArrayNode reactions = (ArrayNode) held(frame).get("reactions");
                    ObjectNode entry = entryFor(reactions, frame.get("emoji").asString());
                    assertThat(entry).as("the reaction %s removes is held", frame).isNotNull();
                    int left = entry.get("count").asInt() - 1;
                    if (left == 0) {
                        for (int i = 0; i < reactions.size(); i++) {
                            if (reactions.get(i) == entry) {
                                reactions.remove(i);
                                break;
                            }
                        }
                    } else {
                        entry.put("count", left);
                        if (frame.get("userId").asString().equals(me.id().toString())) {
                            entry.put("me", false);
                        }
                    }
                    count("applied reaction removed");
                }
                case "message.pinned" -> {
                    ObjectNode m = held(frame);
                    m.set("pinnedAt", frame.get("pinnedAt"));
                    m.set("pinnedBy", frame.get("pinnedBy"));
                    count("applied pinned");
                }
                case "message.unpinned" -> {
                    ObjectNode m = held(frame);
                    m.putNull("pinnedAt");
                    m.putNull("pinnedBy");
                    count("applied unpinned");
                }
                default -> throw new AssertionError("unknown frame " + frame);
            }
            last = frame.get("seq").asLong();
        }

        private static ObjectNode entryFor(ArrayNode reactions, String emoji) {
            for (JsonNode r : reactions) {
                if (r.get("emoji").asString().equals(emoji)) {
                    return (ObjectNode) r;
                }
            }
            return null;
        }

        private ObjectNode held(JsonNode frame) {
            JsonNode m = messages.get(frame.get("messageSeq").asLong());
            assertThat(m).as("the message %s changes is held before its change %s", frame.get("messageSeq"), frame)
                    .isNotNull();
            assertThat(m.get("id")).isEqualTo(frame.get("messageId"));
            return (ObjectNode) m;
        }

        private Map<Long, JsonNode> freshLoad(UUID conversation) {
            Map<Long, JsonNode> loaded = new TreeMap<>();
            long after = 0;
            JsonNode page;
            do {
                page = history(conversation, me, "afterSeq=" + after + "&limit=200").json();
                for (JsonNode m : page.get("items")) {
                    loaded.put(m.get("seq").asLong(), m.deepCopy());
                    after = m.get("seq").asLong();
                }
            } while (page.get("hasMore").asBoolean());
            return loaded;
        }
    }

    private void count(String what) {
        exercised.merge(what, 1, Integer::sum);
    }

    private static String frame(ChatEvent event) {
        return switch (event) {
            case MessageCreated c -> ServerFrames.of(c);
            case MessageEdited e -> ServerFrames.of(e);
            case MessageDeleted d -> ServerFrames.of(d);
            case ReactionAdded r -> ServerFrames.of(r);
            case ReactionRemoved r -> ServerFrames.of(r);
            case MessagePinned p -> ServerFrames.of(p);
            case MessageUnpinned u -> ServerFrames.of(u);
            default -> throw new AssertionError(event);
        };
    }

    private static long seqOf(ChatEvent event) {
        return switch (event) {
            case MessageCreated c -> c.seq();
            case MessageEdited e -> e.seq();
            case MessageDeleted d -> d.seq();
            case ReactionAdded r -> r.seq();
            case ReactionRemoved r -> r.seq();
            case MessagePinned p -> p.seq();
            case MessageUnpinned u -> u.seq();
            default -> throw new AssertionError(event);
        };
    }
}
