package dev.chat.notification.fanout;

import static dev.chat.notification.SimulatedNodes.frameText;
import static dev.chat.notification.SimulatedNodes.recipients;
import static dev.chat.notification.TestEvents.conversation;
import static dev.chat.notification.TestEvents.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.InvitationClosed;
import dev.chat.events.MemberBanned;
import dev.chat.events.MemberInvited;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberMuted;
import dev.chat.events.MemberPreferencesChanged;
import dev.chat.events.MemberUnbanned;
import dev.chat.events.MemberUnmuted;
import dev.chat.events.socket.RealtimeKeys;
import dev.chat.notification.Pods;
import dev.chat.notification.SimulatedNodes;
import dev.chat.notification.TestEvents;
import dev.chat.notification.membership.Members;
import dev.chat.testsupport.RealInfrastructure;
import dev.chat.testsupport.Redis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The {@code conversation.changed} pushes of the conversation events that change no membership (details, mutes,
 * bans, invitations, a member's own settings), against real Kafka, Redis and PostgreSQL, with presence nodes
 * simulated as presence-service writes them. Each test ends with a push every member gets (a barrier): the
 * projection handles one conversation's events in order on one thread and publishes on one connection, so once
 * the barrier arrived, every push before it has arrived too, and "nothing more" can be asserted.
 */
@RealInfrastructure(database = "notification_it")
class ConversationChangePushesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NODE_A = "changes-a-" + RUN;
    private static final String NODE_B = "changes-b-" + RUN;
    private static final String NODE_C = "changes-c-" + RUN;
    private static final String NODE_D = "changes-d-" + RUN;

    private static ConfigurableApplicationContext pod;
    private static RedisClient redisClient;
    private static RedisCommands<String, String> redis;
    private static SimulatedNodes nodes;
    private static TestEvents events;
    private static Members members;

    @BeforeAll
    static void start() {
        pod = Pods.start();
        members = pod.getBean(Members.class);
        redisClient = RedisClient.create(RedisURI.create(Redis.HOST, Redis.PORT));
        redis = redisClient.connect().sync();
        nodes = new SimulatedNodes(redisClient, NODE_A, NODE_B, NODE_C, NODE_D);
        events = new TestEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        nodes.close();
        redisClient.shutdown();
        pod.close();
    }

    /**
     * A push expected on a node: the change, the user it names, whether its batch names the conversation (only a
     * batch to members does) and the batch's recipients on that node.
     */
    private record Expected(String change, UUID userId, boolean named, List<UUID> recipients) {
    }

    /** A push to members of the conversation: its batch names it. */
    private static Expected toMembers(String change, UUID userId, UUID... recipients) {
        return new Expected(change, userId, true, List.of(recipients));
    }

    /** A push to users who are not members (any more, or yet): its batch does not name the conversation. */
    private static Expected toNonMembers(String change, UUID userId, UUID... recipients) {
        return new Expected(change, userId, false, List.of(recipients));
    }

    /** The exact frame every socket gets. */
    private static String frame(UUID conversation, String change, UUID userId) {
        return "{\"type\":\"conversation.changed\",\"conversationId\":\"" + conversation + "\",\"change\":\"" + change
                + "\",\"userId\":" + (userId == null ? "null" : "\"" + userId + "\"") + "}";
    }

    /** Asserts the conversation.changed batches of a conversation a node got: exactly these, in this order. */
    private static void assertPushes(String node, UUID conversation, Expected... expected) {
        List<JsonNode> got = nodes.changesOn(node, conversation);
        assertThat(got).as("conversation.changed on %s: %s", node, describe(got)).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            Expected e = expected[i];
            JsonNode batch = got.get(i);
            assertThat(frameText(batch)).as("frame %d on %s", i, node)
                    .isEqualTo(frame(conversation, e.change(), e.userId()));
            assertThat(recipients(batch)).as("recipients of %s on %s", e.change(), node)
                    .containsExactlyInAnyOrderElementsOf(e.recipients().stream().map(UUID::toString).toList());
            if (e.named()) {
                assertThat(batch.path("conversationId").asString())
                        .as("%s on %s names the conversation", e.change(), node)
                        .isEqualTo(conversation.toString());
            } else {
                assertThat(batch.has("conversationId")).as("%s on %s names the conversation", e.change(), node)
                        .isFalse();
                assertThat(batch.path("forget").asString()).as("%s on %s: the node forgets the conversation", e.change(),
                        node).isEqualTo(conversation.toString());
            }
        }
    }

    private static List<String> describe(List<JsonNode> batches) {
        return batches.stream().map(b -> frameText(b) + "->" + recipients(b)).toList();
    }

    private static void awaitChanges(String node, UUID conversation, int count) {
        await().atMost(WAIT).until(() -> nodes.changesOn(node, conversation).size() >= count);
    }

    private static ConversationUpdated updated(UUID conversation, UUID by) {
        return new ConversationUpdated(conversation, by, "title " + UUID.randomUUID(), "about", "topic", null,
                "PRIVATE", null, false, false, Instant.now());
    }

    private static long membersVersion(UUID conversation) {
        return pod.getBean(JdbcClient.class).sql("select members_version from conversation where id = ?")
                .param(conversation).query(Long.class).single();
    }

    private static boolean indexed(UUID user, UUID conversation) {
        return redis.sismember(RealtimeKeys.userConversations(user), conversation.toString());
    }

    @Test
    void everyNewChangeReachesExactlyItsRecipientsOnceEvenWhenRedelivered() {
        UUID conv = UUID.randomUUID();
        UUID alice = nodes.userOn(NODE_A); // member: acts
        UUID bob = nodes.userOn(NODE_B);   // member: the one concerned
        UUID dave = nodes.userOn(NODE_D);  // not a member
        events.send(conversation(conv, alice, bob));
        awaitChanges(NODE_A, conv, 1);
        awaitChanges(NODE_B, conv, 1);
        long versionBefore = membersVersion(conv);
        Instant now = Instant.now();

        List<ChatEvent> table = List.of(
                updated(conv, alice),
                new MemberMuted(conv, bob, alice, "spam", now.plusSeconds(600), now),
                new MemberUnmuted(conv, bob, alice, now),
                new MemberBanned(conv, dave, alice, null, null, now), // a pre-emptive ban: not a member
                new MemberUnbanned(conv, dave, alice, now),
                new MemberInvited(conv, UUID.randomUUID(), dave, alice, null, now),
                new InvitationClosed(conv, UUID.randomUUID(), dave, InvitationClosed.REVOKED, alice, now),
                new MemberPreferencesChanged(conv, bob, MemberPreferencesChanged.MENTIONS, null, now));
        for (ChatEvent event : table) {
            EventEnvelope<?> envelope = events.send(event);
            events.send(envelope); // a redelivery: same eventId
        }
        events.send(updated(conv, bob)); // the barrier
        awaitChanges(NODE_A, conv, 5);
        awaitChanges(NODE_B, conv, 6);

        assertPushes(NODE_A, conv,
                toMembers("created", null, alice),
                toMembers("updated", alice, alice),
                toMembers("member_muted", bob, alice),
                toMembers("member_unmuted", bob, alice),
                toMembers("updated", bob, alice));
        assertPushes(NODE_B, conv,
                toMembers("created", null, bob),
                toMembers("updated", alice, bob),
                toMembers("member_muted", bob, bob),
                toMembers("member_unmuted", bob, bob),
                toMembers("preferences_changed", bob, bob),
                toMembers("updated", bob, bob));
        assertPushes(NODE_D, conv,
                toNonMembers("member_banned", dave, dave),
                toNonMembers("member_unbanned", dave, dave),
                toNonMembers("invited", dave, dave),
                toNonMembers("invitation_closed", dave, dave));

        assertThat(members.of(conv)).as("members").containsExactlyInAnyOrder(alice, bob);
        assertThat(membersVersion(conv)).as("no member cache was invalidated").isEqualTo(versionBefore);
        assertThat(indexed(dave, conv)).as("dave in the conversation index").isFalse();
        assertThat(indexed(bob, conv)).isTrue();
    }

    @Test
    void aBannedMemberIsToldWhyWhileTheOthersAreToldOnlyThatTheyLeft() {
        UUID conv = UUID.randomUUID();
        UUID alice = nodes.userOn(NODE_A);
        UUID bob = nodes.userOn(NODE_B);
        events.send(conversation(conv, alice, bob));
        Instant now = Instant.now();
        // As conversation-service publishes a ban of a member: the leave first, then the ban.
        events.send(new MemberLeft(conv, bob, "BANNED", now));
        events.send(new MemberBanned(conv, bob, alice, "spam", null, now));
        // Messages travel on another topic: sent once the leave is applied.
        await().atMost(WAIT).until(() -> members.of(conv) != null && !members.of(conv).contains(bob));
        events.send(message(conv, 1, alice));
        events.send(updated(conv, alice)); // the barrier: alice only now
        awaitChanges(NODE_A, conv, 3);
        awaitChanges(NODE_B, conv, 3);
        await().atMost(WAIT).until(() -> nodes.seqsOn(NODE_A, conv).contains(1L));

        assertPushes(NODE_A, conv,
                toMembers("created", null, alice),
                toMembers("member_left", bob, alice),
                toMembers("updated", alice, alice));
        assertPushes(NODE_B, conv,
                toMembers("created", null, bob),
                toNonMembers("member_left", bob, bob),
                toNonMembers("member_banned", bob, bob));
        assertThat(nodes.batchesOn(NODE_B, conv)).as("messages to the banned user").isEmpty();

        events.send(new MemberUnbanned(conv, bob, alice, Instant.now()));
        events.send(updated(conv, alice));
        awaitChanges(NODE_A, conv, 4);
        awaitChanges(NODE_B, conv, 4);
        assertPushes(NODE_B, conv,
                toMembers("created", null, bob),
                toNonMembers("member_left", bob, bob),
                toNonMembers("member_banned", bob, bob),
                toNonMembers("member_unbanned", bob, bob));
        assertPushes(NODE_A, conv, // not told of the unban
                toMembers("created", null, alice),
                toMembers("member_left", bob, alice),
                toMembers("updated", alice, alice),
                toMembers("updated", alice, alice));
        assertThat(members.of(conv)).as("an unban adds nobody").containsExactly(alice);
    }

    @Test
    void anInviteeWhoIsNoMemberGetsTheInvitationButNoMessagesUntilTheyJoin() {
        UUID conv = UUID.randomUUID();
        UUID alice = nodes.userOn(NODE_A);
        UUID dave = nodes.userOn(NODE_D);
        events.send(conversation(conv, alice));
        events.send(new MemberInvited(conv, UUID.randomUUID(), dave, alice, Instant.now().plusSeconds(3600),
                Instant.now()));
        events.send(message(conv, 1, alice));
        awaitChanges(NODE_D, conv, 1);
        await().atMost(WAIT).until(() -> nodes.seqsOn(NODE_A, conv).contains(1L));

        assertPushes(NODE_D, conv, toNonMembers("invited", dave, dave));
        assertThat(nodes.batchesOn(NODE_D, conv)).as("messages to the invitee").isEmpty();
        assertThat(members.of(conv)).as("an invitation adds nobody").containsExactly(alice);
        assertThat(indexed(dave, conv)).isFalse();

        // Declined; invited again and accepted: from the join on, dave is a member and gets the messages.
        events.send(new InvitationClosed(conv, UUID.randomUUID(), dave, InvitationClosed.DECLINED, dave,
                Instant.now()));
        events.send(new MemberInvited(conv, UUID.randomUUID(), dave, alice, null, Instant.now()));
        events.send(new MemberJoined(conv, dave, "MEMBER", Instant.now()));
        await().atMost(WAIT).until(() -> members.of(conv).contains(dave));
        events.send(message(conv, 2, alice));
        await().atMost(WAIT).until(() -> nodes.seqsOn(NODE_D, conv).contains(2L));
        awaitChanges(NODE_D, conv, 4);

        assertThat(nodes.seqsOn(NODE_D, conv)).containsExactly(2L);
        assertPushes(NODE_D, conv,
                toNonMembers("invited", dave, dave),
                toNonMembers("invitation_closed", dave, dave),
                toNonMembers("invited", dave, dave),
                toMembers("member_joined", dave, dave));
        assertPushes(NODE_A, conv,
                toMembers("created", null, alice),
                toMembers("member_joined", dave, alice));
    }

    @Test
    void aMembersOwnSettingsReachEveryDeviceOfThatMemberAndNobodyElse() {
        UUID conv = UUID.randomUUID();
        UUID alice = nodes.userOn(NODE_A);
        UUID bob = nodes.userOn(NODE_B, NODE_C); // two devices
        UUID carol = nodes.userOn(NODE_C);       // shares node C with bob's second device
        events.send(conversation(conv, alice, bob, carol));
        events.send(new MemberPreferencesChanged(conv, bob, MemberPreferencesChanged.NONE,
                Instant.now().plusSeconds(3600), Instant.now()));
        events.send(updated(conv, carol)); // the barrier
        awaitChanges(NODE_A, conv, 2);
        awaitChanges(NODE_B, conv, 3);
        awaitChanges(NODE_C, conv, 3);

        assertPushes(NODE_A, conv,
                toMembers("created", null, alice),
                toMembers("updated", carol, alice));
        assertPushes(NODE_B, conv,
                toMembers("created", null, bob),
                toMembers("preferences_changed", bob, bob),
                toMembers("updated", carol, bob));
        assertPushes(NODE_C, conv,
                toMembers("created", null, bob, carol),
                toMembers("preferences_changed", bob, bob),
                toMembers("updated", carol, bob, carol));
    }
}
