package dev.chat.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void everyEventTypeRoundTripsThroughJson() {
        UUID c = UUID.randomUUID();
        UUID u = UUID.randomUUID();
        Instant t = Instant.parse("2026-11-24T10:15:30.123456Z");
        List<ChatEvent> samples = List.of(
                new UserRegistered(u, "ada", "Ada", t),
                new ConversationCreated(c, ConversationCreated.DIRECT, null, u, List.of(u, UUID.randomUUID()), t),
                new MemberJoined(c, u, "MEMBER", t),
                new MemberLeft(c, u, "KICKED", t),
                new MemberRoleChanged(c, u, "ADMIN", UUID.randomUUID(), t),
                new OwnershipTransferred(c, u, UUID.randomUUID(), t),
                new ConversationDeleted(c, u, t),
                new MemberBanned(c, u, UUID.randomUUID(), "spam", t.plusSeconds(60), t),
                new MemberBanned(c, u, UUID.randomUUID(), null, null, t),
                new MemberUnbanned(c, u, UUID.randomUUID(), t),
                new MemberMuted(c, u, UUID.randomUUID(), "flooding", t.plusSeconds(60), t),
                new MemberMuted(c, u, UUID.randomUUID(), null, null, t),
                new MemberUnmuted(c, u, UUID.randomUUID(), t),
                new ConversationCreated(c, ConversationCreated.CHANNEL, "general", u, List.of(u), t, "About", "Today",
                        ConversationCreated.PUBLIC, "general", true),
                new ConversationUpdated(c, u, "general", null, "Topic", UUID.randomUUID(), ConversationCreated.PUBLIC,
                        "general", false, true, t),
                new MemberInvited(c, UUID.randomUUID(), u, UUID.randomUUID(), t.plusSeconds(3600), t),
                new MemberInvited(c, UUID.randomUUID(), u, UUID.randomUUID(), null, t),
                new InvitationClosed(c, UUID.randomUUID(), u, InvitationClosed.DECLINED, u, t),
                new MemberPreferencesChanged(c, u, MemberPreferencesChanged.MENTIONS, t.plusSeconds(60), t),
                new MessageCreated(UUID.randomUUID(), c, 7, u, "client-1", "héllo ✓", null, t),
                new MessageEdited(c, 8, UUID.randomUUID(), 7, "edited", u, t),
                new MessageDeleted(c, 9, UUID.randomUUID(), 7, u, t),
                new ReactionAdded(c, 10, UUID.randomUUID(), 7, u, "👍", t),
                new ReactionRemoved(c, 11, UUID.randomUUID(), 7, u, "👍🏽", t),
                new MessagePinned(c, 12, UUID.randomUUID(), 7, u, t),
                new MessageUnpinned(c, 13, UUID.randomUUID(), 7, u, t),
                new ReadCursorMoved(c, u, "READ", 11, t),
                new DraftChanged(u, c, 3, t, false),
                new DraftChanged(u, c, 4, t, true),
                new PresenceChanged(u, "AWAY", t, t),
                new TypingChanged(c, u, true, t),
                new MediaUploaded(UUID.randomUUID(), u, "image/png", 1234, "a/b", t),
                new NotificationCreated(UUID.randomUUID(), u, "MENTION", c, UUID.randomUUID(), t));
        assertThat(samples).extracting(EventType::of).containsOnly(EventType.values()); // some twice: with nulls

        for (ChatEvent event : samples) {
            EventEnvelope<ChatEvent> sent = EventEnvelope.wrap(event, t);
            EventEnvelope<ChatEvent> received = EventJson.read(EventJson.write(sent));
            assertThat(received).isEqualTo(sent);
            assertThat(received.key()).isEqualTo(event.key());
        }
    }

    @Test
    void aConversationCreatedFromAnOlderProducerReadsWithoutItsDetails() {
        String json = """
                {"eventId":"5f0c1d6e-0000-4000-8000-000000000001","type":"ConversationCreated","version":1,
                 "occurredAt":"2026-11-24T10:15:30Z","key":"5f0c1d6e-0000-4000-8000-000000000002",
                 "payload":{"conversationId":"5f0c1d6e-0000-4000-8000-000000000002","type":"GROUP","title":"g",
                 "createdBy":"5f0c1d6e-0000-4000-8000-000000000003","memberIds":[],"createdAt":"2026-11-24T10:15:30Z"}}
                """;
        ConversationCreated created = (ConversationCreated) EventJson.read(json).payload();
        assertThat(created.title()).isEqualTo("g");
        assertThat(created.visibility()).isEqualTo(ConversationCreated.PRIVATE);
        assertThat(created.slug()).isNull();
        assertThat(created.readOnly()).isFalse();
    }

    @Test
    void aMessageCreatedOrEditedFromAnOlderProducerMentionsNobody() {
        String created = """
                {"eventId":"5f0c1d6e-0000-4000-8000-000000000011","type":"MessageCreated","version":1,
                 "occurredAt":"2026-11-24T10:15:30Z","key":"5f0c1d6e-0000-4000-8000-000000000002",
                 "payload":{"messageId":"5f0c1d6e-0000-4000-8000-000000000012",
                 "conversationId":"5f0c1d6e-0000-4000-8000-000000000002","seq":4,
                 "senderId":"5f0c1d6e-0000-4000-8000-000000000003","clientMessageId":"c-1","body":"hi @ann",
                 "replyToId":null,"createdAt":"2026-11-24T10:15:30Z"}}
                """;
        String edited = """
                {"eventId":"5f0c1d6e-0000-4000-8000-000000000013","type":"MessageEdited","version":1,
                 "occurredAt":"2026-11-24T10:15:30Z","key":"5f0c1d6e-0000-4000-8000-000000000002",
                 "payload":{"conversationId":"5f0c1d6e-0000-4000-8000-000000000002","seq":5,
                 "messageId":"5f0c1d6e-0000-4000-8000-000000000012","messageSeq":4,"body":"hi",
                 "editedBy":"5f0c1d6e-0000-4000-8000-000000000003","editedAt":"2026-11-24T10:15:31Z"}}
                """;
        assertThat(((MessageCreated) EventJson.read(created).payload()).mentions()).isEmpty();
        assertThat(((MessageEdited) EventJson.read(edited).payload()).mentions()).isEmpty();
    }

    @Test
    void conversationEventsAreKeyedByConversationAndUserEventsByUser() {
        UUID c = UUID.randomUUID();
        UUID u = UUID.randomUUID();
        Instant t = Instant.now();
        assertThat(new MessageCreated(UUID.randomUUID(), c, 1, u, "x", "b", null, t).key()).isEqualTo(c.toString());
        assertThat(new PresenceChanged(u, "ONLINE", t, t).key()).isEqualTo(u.toString());
        assertThat(EventEnvelope.wrap(new MemberJoined(c, u, "OWNER", t)).topic()).isEqualTo(Topics.CONVERSATIONS);
    }

    @Test
    void everyChangeOfAConversationsSequenceTravelsOnTheMessagesTopicKeyedByConversation() {
        UUID c = UUID.randomUUID();
        UUID u = UUID.randomUUID();
        UUID m = UUID.randomUUID();
        Instant t = Instant.now();
        List<ChatEvent> changes = List.of(new MessageCreated(m, c, 1, u, "x", "b", null, t),
                new MessageEdited(c, 2, m, 1, "e", u, t), new ReactionAdded(c, 3, m, 1, u, "👍", t),
                new ReactionRemoved(c, 4, m, 1, u, "👍", t), new MessagePinned(c, 5, m, 1, u, t),
                new MessageUnpinned(c, 6, m, 1, u, t), new MessageDeleted(c, 7, m, 1, u, t));
        for (ChatEvent change : changes) {
            assertThat(EventType.of(change).topic()).as(change.toString()).isEqualTo(Topics.MESSAGES);
            assertThat(change.key()).isEqualTo(c.toString());
        }
    }

    @Test
    void aDraftChangeTravelsOnItsOwnTopicKeyedByUserWithoutItsText() {
        UUID c = UUID.randomUUID();
        UUID u = UUID.randomUUID();
        DraftChanged changed = new DraftChanged(u, c, 7, Instant.now(), false);

        assertThat(EventType.of(changed).topic()).isEqualTo(Topics.DRAFTS);
        assertThat(changed.key()).isEqualTo(u.toString());
        assertThat(java.util.Arrays.stream(DraftChanged.class.getRecordComponents()).map(r -> r.getName()))
                .as("drafts are private: no text on Kafka")
                .containsExactly("userId", "conversationId", "version", "updatedAt", "cleared");
    }

    @Test
    void unknownFieldsAreIgnoredButUnknownTypesAreRejected() {
        String future = """
                {"eventId":"%s","type":"UserRegistered","version":1,"occurredAt":"2026-01-01T00:00:00Z",
                 "key":"k","payload":{"userId":"%s","username":"a","displayName":"A",
                 "registeredAt":"2026-01-01T00:00:00Z","addedLater":42}}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID());
        assertThat(EventJson.read(future).payload()).isInstanceOf(UserRegistered.class);

        String unknown = future.replace("UserRegistered", "SomethingNew");
        assertThatThrownBy(() -> EventJson.read(unknown)).isInstanceOf(UnknownEventTypeException.class);
    }
}
