package dev.chat.message.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ConversationCreated;
import dev.chat.events.EventEnvelope;
import dev.chat.events.MemberJoined;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberRoleChanged;
import dev.chat.events.OwnershipTransferred;
import dev.chat.message.IntegrationTest;
import dev.chat.message.testing.Events;
import dev.chat.testsupport.Http;
import dev.chat.message.testing.StandInConversationService.Mode;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MembershipIT extends IntegrationTest {

    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    Membership membership;

    @BeforeEach
    @AfterEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
        breakers.circuitBreaker(ConversationServiceClient.NAME).reset();
    }

    @Test
    void aNonMemberGetsNotFoundForSendAndHistory() {
        UUID conversation = conversationOf(user(), user());
        User outsider = user();

        Http.Response sent = send(conversation, outsider, "x", "let me in");
        Http.Response read = history(conversation, outsider, "");

        assertThat(sent.status()).isEqualTo(404);
        assertThat(sent.contentType()).startsWith("application/problem+json");
        assertThat(read.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from messages where conversation_id = ?", Integer.class,
                conversation)).isZero();
        assertThat(CONVERSATIONS.lastAuthorization()).isEqualTo("Bearer " + outsider.token());
    }

    @Test
    void aMemberOfOneConversationCannotUseItForAnother() {
        User alice = user();
        UUID mine = conversationOf(alice, user());
        UUID theirs = conversationOf(user(), user());
        send(theirs, user(), "probe", "x");

        assertThat(send(mine, alice, "ok", "mine").status()).isEqualTo(201);
        assertThat(send(theirs, alice, "x", "not mine").status()).isEqualTo(404);
        assertThat(history(theirs, alice, "").status()).isEqualTo(404);
        assertThat(history(UUID.randomUUID(), alice, "").status()).isEqualTo(404);
    }

    @Test
    void aMemberWhoLeftCannotSendOrReadAnyMore() {
        User alice = user();
        User bob = user();
        UUID conversation = conversationOf(alice, bob);
        assertThat(send(conversation, bob, "before", "bye").status()).isEqualTo(201);

        Events.publish(new MemberLeft(conversation, bob.id(), "LEFT", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> !isProjectedMember(conversation, bob.id()));

        assertThat(send(conversation, bob, "after", "still here?").status()).isEqualTo(404);
        assertThat(history(conversation, bob, "").status()).isEqualTo(404);
        assertThat(send(conversation, alice, "alice", "still fine").status()).isEqualTo(201);
    }

    @Test
    void nobodyCanSendOrReadInADeletedConversation() {
        User alice = user();
        User bob = user();
        UUID conversation = conversationOf(alice, bob);
        assertThat(send(conversation, alice, "before", "last words").status()).isEqualTo(201);

        Events.publish(new ConversationDeleted(conversation, alice.id(), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> !isProjectedMember(conversation, alice.id())
                && !isProjectedMember(conversation, bob.id()));

        for (User user : List.of(alice, bob)) {
            assertThat(send(conversation, user, "after", "anyone?").status()).isEqualTo(404);
            assertThat(history(conversation, user, "").status()).isEqualTo(404);
        }
        assertThat(jdbc.queryForObject("select count(*) from conversations where conversation_id = ?",
                Integer.class, conversation)).as("its posting rules are gone").isZero();
        assertThat(jdbc.queryForObject("select count(*) from messages where conversation_id = ?", Integer.class,
                conversation)).as("its messages stay").isEqualTo(1);
    }

    @Test
    void rolesFollowJoinsPromotionsDemotionsAndOwnershipTransfers() {
        User alice = user();
        User bob = user();
        User carol = user();
        UUID conversation = conversationOf(alice, bob, carol);
        assertThat(membership.roleOf(conversation, alice.id())).as("before any MemberJoined")
                .contains(ConversationRole.MEMBER);

        applied(new MemberJoined(conversation, alice.id(), "OWNER", Instant.now()),
                new MemberJoined(conversation, bob.id(), "MEMBER", Instant.now()),
                new MemberJoined(conversation, carol.id(), "ADMIN", Instant.now()),
                new MemberRoleChanged(conversation, bob.id(), "ADMIN", alice.id(), Instant.now()),
                new MemberRoleChanged(conversation, carol.id(), "MEMBER", alice.id(), Instant.now()),
                new OwnershipTransferred(conversation, alice.id(), bob.id(), Instant.now()));

        assertThat(membership.roleOf(conversation, alice.id())).contains(ConversationRole.ADMIN);
        assertThat(membership.roleOf(conversation, bob.id())).contains(ConversationRole.OWNER);
        assertThat(membership.roleOf(conversation, carol.id())).contains(ConversationRole.MEMBER);
        assertThat(membership.roleOf(conversation, user().id())).isEmpty();
        assertThat(membership.roleOf(conversation, alice.id()).map(ConversationRole::mayModerate)).contains(true);
        assertThat(membership.roleOf(conversation, carol.id()).map(ConversationRole::mayModerate)).contains(false);
        assertThat(CONVERSATIONS.hits()).as("roles are read from the projection only").isZero();
    }

    @Test
    void aRedeliveredJoinDoesNotUndoALaterPromotion() {
        User alice = user();
        User bob = user();
        UUID conversation = conversationOf(alice, bob);
        EventEnvelope<MemberJoined> joined = EventEnvelope.wrap(
                new MemberJoined(conversation, bob.id(), "MEMBER", Instant.now()));
        Events.publishEnvelope(joined);
        applied(new MemberRoleChanged(conversation, bob.id(), "ADMIN", alice.id(), Instant.now()));

        Events.publishEnvelope(joined);
        applied(new MemberJoined(conversation, user().id(), "MEMBER", Instant.now()));

        assertThat(membership.roleOf(conversation, bob.id())).isEqualTo(Optional.of(ConversationRole.ADMIN));
    }

    @Test
    void aJoinedMemberCanSend() {
        User alice = user();
        User carol = user();
        UUID conversation = conversationOf(alice);

        Events.publish(new MemberJoined(conversation, carol.id(), "MEMBER", Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> isProjectedMember(conversation, carol.id()));

        assertThat(send(conversation, carol, "hi", "hello all").status()).isEqualTo(201);
        assertThat(CONVERSATIONS.hits()).isZero();
    }

    @Test
    void aRedeliveredEventIsAppliedOnlyOnce() {
        User alice = user();
        User dave = user();
        UUID conversation = conversationOf(alice);
        EventEnvelope<MemberJoined> joined = EventEnvelope.wrap(
                new MemberJoined(conversation, dave.id(), "MEMBER", Instant.now()));
        Events.publishEnvelope(joined);
        Events.publish(new MemberLeft(conversation, dave.id(), "KICKED", Instant.now()));
        Events.publishEnvelope(joined);
        User marker = user();
        Events.publish(new MemberJoined(conversation, marker.id(), "MEMBER", Instant.now()));

        // The marker was published last under the same key: once it is in, everything before it was applied.
        await().atMost(Duration.ofSeconds(60)).until(() -> isProjectedMember(conversation, marker.id()));
        assertThat(isProjectedMember(conversation, dave.id())).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from consumed_events where event_id = ?", Integer.class,
                joined.eventId())).isEqualTo(1);
    }

    @Test
    void aConversationTheProjectionHasNotSeenYetIsConfirmedByConversationService() {
        User alice = user();
        UUID fresh = UUID.randomUUID();
        CONVERSATIONS.addMember(fresh, alice.id());

        Http.Response first = send(fresh, alice, "early", "first!");
        Http.Response read = history(fresh, alice, "");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("seq").asLong()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(200);
        assertThat(CONVERSATIONS.hits()).isEqualTo(2);
        assertThat(CONVERSATIONS.lastAuthorization()).isEqualTo("Bearer " + alice.token());
        assertThat(isProjectedMember(fresh, alice.id())).as("the remote answer is not written locally").isFalse();

        // The conversation's events arrive late: its sequence continues, it does not restart.
        Events.publish(new ConversationCreated(fresh, ConversationCreated.GROUP, "t", alice.id(),
                List.of(alice.id()), Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> isProjectedMember(fresh, alice.id()));
        Http.Response second = send(fresh, alice, "later", "second");
        assertThat(second.json().get("seq").asLong()).isEqualTo(2);
        assertThat(CONVERSATIONS.hits()).isEqualTo(2);
    }

    @Test
    void anUnavailableConversationServiceIsServiceUnavailableAfterOneRetry() {
        User alice = user();
        UUID fresh = UUID.randomUUID();
        CONVERSATIONS.mode(Mode.FAIL);

        Http.Response response = send(fresh, alice, "x", "hello?");

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(CONVERSATIONS.hits()).isEqualTo(2);
    }

    @Test
    void aHangingConversationServiceTimesOutToServiceUnavailable() {
        CONVERSATIONS.mode(Mode.HANG);

        Http.Response response = history(UUID.randomUUID(), user(), "");

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
    }

    @Test
    void anOpenCircuitAnswersWithoutCallingConversationService() {
        User alice = user();
        UUID fresh = UUID.randomUUID();
        CONVERSATIONS.addMember(fresh, alice.id());
        breakers.circuitBreaker(ConversationServiceClient.NAME).transitionToOpenState();

        assertThat(send(fresh, alice, "x", "hello?").status()).isEqualTo(503);
        assertThat(CONVERSATIONS.hits()).isZero();
    }

    private boolean isProjectedMember(UUID conversationId, UUID userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from members where conversation_id = ? and user_id = ?)", Boolean.class,
                conversationId, userId));
    }
}
