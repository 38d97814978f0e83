package dev.chat.message.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.events.ChatEvent;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberMuted;
import dev.chat.events.MemberRoleChanged;
import dev.chat.events.MemberUnmuted;
import dev.chat.events.OwnershipTransferred;
import dev.chat.message.IntegrationTest;
import dev.chat.testsupport.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may post, decided by message-service from its projection of chat.conversations.v1 (docs/permissions.md):
 * muted members read but do not post, only the owner and admins post in a read-only channel, nobody posts in an
 * archived conversation, and whoever left (kicked, banned) is not a member any more.
 */
class PostingRulesIT extends IntegrationTest {

    static final Instant FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    static final Instant PAST = Instant.parse("2000-01-01T00:00:00Z");
    static final String MUTED = "you are muted in this conversation";
    static final String READ_ONLY = "only the owner and admins post in this channel";
    static final String ARCHIVED = "this conversation is archived";

    enum Who { OWNER, ADMIN, MEMBER }

    /** A conversation with one member of each role, as conversation-service announces it. */
    record Channel(UUID id, User owner, User admin, User member) {

        User user(Who who) {
            return switch (who) {
                case OWNER -> owner;
                case ADMIN -> admin;
                case MEMBER -> member;
            };
        }

        UUID id(Who who) {
            return user(who).id();
        }

        MemberMuted mute(Who who, @Nullable Instant until) {
            return new MemberMuted(id, id(who), owner.id(), "calm down", until, Instant.now());
        }

        MemberUnmuted unmute(Who who) {
            return new MemberUnmuted(id, id(who), owner.id(), Instant.now());
        }

        ConversationUpdated update(boolean readOnly, boolean archived) {
            return new ConversationUpdated(id, owner.id(), "news", null, null, null, ConversationCreated.PUBLIC,
                    "news-" + id, readOnly, archived, Instant.now());
        }

        MemberLeft left(Who who, String reason) {
            return new MemberLeft(id, id(who), reason, Instant.now());
        }

        MemberJoined joined(Who who, String role) {
            return new MemberJoined(id, id(who), role, Instant.now());
        }

        MemberRoleChanged roleChanged(Who who, String role) {
            return new MemberRoleChanged(id, id(who), role, owner.id(), Instant.now());
        }

        OwnershipTransferred ownershipTo(Who who) {
            return new OwnershipTransferred(id, owner.id(), id(who), Instant.now());
        }
    }

    @BeforeEach
    void healthyConversationService() {
        CONVERSATIONS.reset();
    }

    static Arguments rule(String name, boolean readOnly, Function<Channel, List<ChatEvent>> then, Who sender,
                          int status, @Nullable String detail) {
        return Arguments.of(name, readOnly, then, sender, status, detail);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("a member posts", false, c -> List.of(), Who.MEMBER, 201, null),
                rule("an admin posts", false, c -> List.of(), Who.ADMIN, 201, null),
                rule("the owner posts", false, c -> List.of(), Who.OWNER, 201, null),
                rule("a member muted until a future time does not", false,
                        c -> List.of(c.mute(Who.MEMBER, FUTURE)), Who.MEMBER, 403,
                        MUTED + " until 2100-01-01T00:00:00Z"),
                rule("a member muted indefinitely does not", false,
                        c -> List.of(c.mute(Who.MEMBER, null)), Who.MEMBER, 403, MUTED),
                rule("an admin the owner muted does not", false,
                        c -> List.of(c.mute(Who.ADMIN, null)), Who.ADMIN, 403, MUTED),
                rule("a muted member posts once the mute expired", false,
                        c -> List.of(c.mute(Who.MEMBER, PAST)), Who.MEMBER, 201, null),
                rule("muting again replaces the expiry", false,
                        c -> List.of(c.mute(Who.MEMBER, null), c.mute(Who.MEMBER, FUTURE)), Who.MEMBER, 403,
                        MUTED + " until 2100-01-01T00:00:00Z"),
                rule("an unmuted member posts", false,
                        c -> List.of(c.mute(Who.MEMBER, null), c.unmute(Who.MEMBER)), Who.MEMBER, 201, null),
                rule("a member of a read-only channel does not", true, c -> List.of(), Who.MEMBER, 403, READ_ONLY),
                rule("an admin of a read-only channel posts", true, c -> List.of(), Who.ADMIN, 201, null),
                rule("the owner of a read-only channel posts", true, c -> List.of(), Who.OWNER, 201, null),
                rule("a member of a channel an update made read-only does not", false,
                        c -> List.of(c.update(true, false)), Who.MEMBER, 403, READ_ONLY),
                rule("a member of a channel an update made writable again posts", true,
                        c -> List.of(c.update(false, false)), Who.MEMBER, 201, null),
                rule("a muted admin of a read-only channel is told about the mute", true,
                        c -> List.of(c.mute(Who.ADMIN, null)), Who.ADMIN, 403, MUTED),
                rule("not even the owner posts in an archived conversation", false,
                        c -> List.of(c.update(false, true)), Who.OWNER, 409, ARCHIVED),
                rule("a muted member of an archived conversation is told it is archived", false,
                        c -> List.of(c.mute(Who.MEMBER, null), c.update(false, true)), Who.MEMBER, 409, ARCHIVED),
                rule("a member posts again once the conversation is unarchived", false,
                        c -> List.of(c.update(false, true), c.update(false, false)), Who.MEMBER, 201, null),
                rule("a kicked member is not a member", false,
                        c -> List.of(c.left(Who.MEMBER, "KICKED")), Who.MEMBER, 404, null),
                rule("a banned admin is not a member", false,
                        c -> List.of(c.left(Who.ADMIN, "BANNED")), Who.ADMIN, 404, null),
                rule("a member promoted to admin posts in a read-only channel", true,
                        c -> List.of(c.roleChanged(Who.MEMBER, "ADMIN")), Who.MEMBER, 201, null),
                rule("an admin demoted to member does not post in a read-only channel", true,
                        c -> List.of(c.roleChanged(Who.ADMIN, "MEMBER")), Who.ADMIN, 403, READ_ONLY),
                rule("the member who received the ownership posts in a read-only channel", true,
                        c -> List.of(c.ownershipTo(Who.MEMBER)), Who.MEMBER, 201, null),
                rule("the previous owner, now an admin, still posts in a read-only channel", true,
                        c -> List.of(c.ownershipTo(Who.MEMBER)), Who.OWNER, 201, null),
                rule("a muted member who was kicked and rejoined starts unmuted", false,
                        c -> List.of(c.mute(Who.MEMBER, null), c.left(Who.MEMBER, "KICKED"),
                                c.joined(Who.MEMBER, "MEMBER")), Who.MEMBER, 201, null),
                rule("an admin who was kicked and rejoined is a plain member of a read-only channel", true,
                        c -> List.of(c.left(Who.ADMIN, "KICKED"), c.joined(Who.ADMIN, "MEMBER")), Who.ADMIN, 403,
                        READ_ONLY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theProjectionDecidesWhoPostsAndARefusedSendWritesNothing(String name, boolean readOnly,
                                                                  Function<Channel, List<ChatEvent>> then, Who who,
                                                                  int status, @Nullable String detail) {
        Channel channel = channel(readOnly);
        List<ChatEvent> events = then.apply(channel);
        if (!events.isEmpty()) {
            applied(events.toArray(ChatEvent[]::new));
        }
        User sender = channel.user(who);

        Http.Response sent = send(channel.id(), sender, "c-1", "hello");

        assertThat(sent.status()).as(name + ": " + sent).isEqualTo(status);
        if (status == 201) {
            assertThat(sent.json().get("seq").asLong()).isEqualTo(1);
            assertThat(messageCount(channel.id())).isEqualTo(1);
        } else {
            assertThat(sent.contentType()).startsWith("application/problem+json");
            if (detail != null) {
                assertThat(sent.json().get("detail").asString()).as(name).isEqualTo(detail);
            }
            assertWroteNothing(channel.id());
        }
        // Reading is never what a mute, a read-only channel or an archive takes away; leaving does.
        assertThat(history(channel.id(), sender, "").status()).as(name + ": history")
                .isEqualTo(status == 404 ? 404 : 200);
    }

    static Stream<Arguments> refusalsAfterASend() {
        return Stream.of(
                Arguments.of("muted", (Function<Channel, ChatEvent>) c -> c.mute(Who.MEMBER, null), 403),
                Arguments.of("archived", (Function<Channel, ChatEvent>) c -> c.update(false, true), 409),
                Arguments.of("made read-only", (Function<Channel, ChatEvent>) c -> c.update(true, false), 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusalsAfterASend")
    void theRetryOfASendThatSucceededBeforeTheRefusalStillGetsTheStoredMessage(String name,
                                                                              Function<Channel, ChatEvent> refusal,
                                                                              int status) {
        Channel channel = channel(false);
        Http.Response first = send(channel.id(), channel.member(), "before", "made it");
        assertThat(first.status()).isEqualTo(201);
        applied(refusal.apply(channel));

        Http.Response retry = send(channel.id(), channel.member(), "before", "made it");
        Http.Response changed = send(channel.id(), channel.member(), "before", "something else");
        Http.Response next = send(channel.id(), channel.member(), "after", "too late");

        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.json().get("detail").asString()).contains("already used for a different message");
        assertThat(next.status()).isEqualTo(status);
        assertThat(messageCount(channel.id())).isEqualTo(1);
        assertThat(lastSeq(channel.id())).isEqualTo(1);
    }

    @Test
    void aMemberTheProjectionDoesNotListYetDoesNotPostIntoAConversationItKnowsIsArchived() {
        Channel channel = channel(false);
        applied(channel.update(false, true));
        User newcomer = user(); // joined a moment ago: conversation-service knows, the projection not yet
        CONVERSATIONS.addMember(channel.id(), newcomer.id());

        Http.Response sent = send(channel.id(), newcomer, "early", "hi");

        assertThat(sent.status()).as(sent.toString()).isEqualTo(409);
        assertThat(sent.json().get("detail").asString()).isEqualTo(ARCHIVED);
        assertThat(CONVERSATIONS.hits()).isEqualTo(1);
        assertWroteNothing(channel.id());
    }

    private Channel channel(boolean readOnly) {
        User owner = user();
        User admin = user();
        User member = user();
        UUID id = UUID.randomUUID();
        List<UUID> memberIds = List.of(owner.id(), admin.id(), member.id());
        List<ChatEvent> created = new ArrayList<>();
        created.add(new ConversationCreated(id, ConversationCreated.CHANNEL, "news", owner.id(), memberIds,
                Instant.now(), null, null, ConversationCreated.PUBLIC, "news-" + id, readOnly));
        // conversation-service follows ConversationCreated with each member's MemberJoined, which carries the role.
        created.add(new MemberJoined(id, owner.id(), "OWNER", Instant.now()));
        created.add(new MemberJoined(id, admin.id(), "ADMIN", Instant.now()));
        created.add(new MemberJoined(id, member.id(), "MEMBER", Instant.now()));
        applied(created.toArray(ChatEvent[]::new));
        return new Channel(id, owner, admin, member);
    }

    /** The message, its seq and its outbox row are written in one transaction: none of them may exist. */
    private void assertWroteNothing(UUID conversationId) {
        assertThat(messageCount(conversationId)).as("messages").isZero();
        assertThat(lastSeq(conversationId)).as("no seq taken").isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox where event_key = ?", Integer.class,
                conversationId.toString())).as("outbox rows").isZero();
    }

    private int messageCount(UUID conversationId) {
        return jdbc.queryForObject("select count(*) from messages where conversation_id = ?", Integer.class,
                conversationId);
    }

    private long lastSeq(UUID conversationId) {
        return jdbc.queryForObject("select last_seq from conversation_seq where conversation_id = ?", Long.class,
                conversationId);
    }
}
