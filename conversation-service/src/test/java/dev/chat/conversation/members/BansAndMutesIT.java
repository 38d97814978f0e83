package dev.chat.conversation.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.events.ChatEvent;
import dev.chat.events.MemberBanned;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberMuted;
import dev.chat.events.MemberUnbanned;
import dev.chat.events.MemberUnmuted;
import dev.chat.testsupport.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class BansAndMutesIT extends MemberIntegrationTest {

    @Test
    void aBannedMemberIsRemovedAndCannotBeAddedBackUntilUnbanned() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User admin = users.get(1);
        User troll = users.get(2);
        String id = group(owner, List.of(admin), List.of(troll));

        Http.Response banned = restrict(admin, id, "bans", troll.id(), "spam", null);

        assertThat(banned.status()).as(banned.toString()).isEqualTo(200);
        assertThat(banned.json().propertyNames()).containsExactly("userId", "reason", "bannedBy", "bannedAt",
                "expiresAt");
        assertThat(banned.json().get("reason").asString()).isEqualTo("spam");
        assertThat(banned.json().get("expiresAt").isNull()).isTrue();
        assertThat(roles(id)).doesNotContainKey(troll.id());
        Http.Response readd = add(owner, id, List.of(troll.id()));
        assertProblem(readd, 409);
        assertThat(readd.json().get("detail").asString()).isEqualTo("user " + troll.id() + " is banned from this conversation");
        assertThat(roles(id)).doesNotContainKey(troll.id());

        assertThat(lift(owner, id, "bans", troll.id()).status()).isEqualTo(204);
        assertProblem(lift(owner, id, "bans", troll.id()), 404);
        assertThat(add(admin, id, List.of(troll.id())).status()).isEqualTo(200);
        assertThat(roles(id)).containsEntry(troll.id(), "MEMBER");
    }

    @Test
    void aPreemptiveBanBlocksTheFirstAddAndBanningAgainOnlyUpdatesTheBan() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User stranger = users.get(1);
        String id = group(owner, List.of(), List.of(users.get(2)));
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);

        assertThat(restrict(owner, id, "bans", stranger.id(), "first", null).status()).isEqualTo(200);
        Http.Response again = restrict(owner, id, "bans", stranger.id(), "second", later);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("reason").asString()).isEqualTo("second");
        assertThat(Instant.parse(again.json().get("expiresAt").asString())).isEqualTo(later);
        Http.Response page = read(owner, id, "bans", "");
        assertThat(page.json().get("items")).hasSize(1);
        assertThat(page.json().get("items").get(0).get("reason").asString()).isEqualTo("second");
        assertProblem(add(owner, id, List.of(stranger.id())), 409);
    }

    @Test
    void aBanStopsHoldingWhenItExpiresAndAnExpiredMuteIsNoLongerListed() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User banned = users.get(1);
        User muted = users.get(2);
        String id = group(owner, List.of(), List.of(banned, muted));
        Instant soon = Instant.now().plusSeconds(2);

        assertThat(restrict(owner, id, "bans", banned.id(), null, soon).status()).isEqualTo(200);
        assertThat(restrict(owner, id, "mutes", muted.id(), "calm down", soon).status()).isEqualTo(200);
        assertThat(listed(owner, id, "bans")).containsExactly(banned.id().toString());
        assertThat(listed(owner, id, "mutes")).containsExactly(muted.id().toString());
        assertProblem(add(owner, id, List.of(banned.id())), 409);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(listed(owner, id, "bans")).isEmpty();
            assertThat(listed(owner, id, "mutes")).isEmpty();
        });
        assertThat(add(owner, id, List.of(banned.id())).status()).isEqualTo(200);
        assertProblem(lift(owner, id, "mutes", muted.id()), 404);
    }

    @Test
    void aMuteGoesWithTheMembershipAndMutingANonMemberIsNotFound() {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User member = users.get(1);
        String id = group(owner, List.of(), List.of(member));

        Http.Response muted = restrict(owner, id, "mutes", member.id(), "flood", null);
        assertThat(muted.status()).isEqualTo(200);
        assertThat(muted.json().propertyNames()).containsExactly("userId", "reason", "mutedBy", "mutedAt", "expiresAt");
        assertThat(remove(owner, id, member.id()).status()).isEqualTo(204);
        assertThat(add(owner, id, List.of(member.id())).status()).isEqualTo(200);

        assertThat(listed(owner, id, "mutes")).isEmpty();
        assertProblem(mute(owner, id, users.get(2).id()), 404);
    }

    @Test
    void banningAndMutingPublishTheirEventsInOrderWithTheirPayloads() {
        List<User> users = projectedUsers(4);
        User owner = users.get(0);
        User member = users.get(1);
        User muted = users.get(2);
        User stranger = users.get(3);
        String id = group(owner, List.of(), List.of(member, muted));
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);

        restrict(owner, id, "bans", member.id(), "spam", until);
        restrict(owner, id, "bans", member.id(), "spam again", null); // no second MemberLeft
        restrict(owner, id, "bans", stranger.id(), null, null);
        lift(owner, id, "bans", member.id());
        restrict(owner, id, "mutes", muted.id(), "flood", until);
        lift(owner, id, "mutes", muted.id());

        List<ChatEvent> events = eventsUntil(id, e -> e instanceof MemberUnmuted);
        List<ChatEvent> moderation = events.stream()
                .filter(e -> !(e instanceof MemberJoined) && !(e instanceof dev.chat.events.ConversationCreated))
                .toList();
        assertThat(moderation).hasSize(7);
        assertThat(moderation.get(0)).isInstanceOfSatisfying(MemberLeft.class, e -> {
            assertThat(e.userId()).isEqualTo(member.id());
            assertThat(e.reason()).isEqualTo("BANNED");
        });
        assertThat(moderation.get(1)).isInstanceOfSatisfying(MemberBanned.class, e -> {
            assertThat(e.userId()).isEqualTo(member.id());
            assertThat(e.bannedBy()).isEqualTo(owner.id());
            assertThat(e.reason()).isEqualTo("spam");
            assertThat(e.expiresAt()).isEqualTo(until);
        });
        assertThat(moderation.get(2)).isInstanceOfSatisfying(MemberBanned.class, e -> {
            assertThat(e.reason()).isEqualTo("spam again");
            assertThat(e.expiresAt()).isNull();
        });
        assertThat(moderation.get(3)).isInstanceOfSatisfying(MemberBanned.class,
                e -> assertThat(e.userId()).isEqualTo(stranger.id()));
        assertThat(moderation.get(4)).isInstanceOfSatisfying(MemberUnbanned.class, e -> {
            assertThat(e.userId()).isEqualTo(member.id());
            assertThat(e.unbannedBy()).isEqualTo(owner.id());
        });
        assertThat(moderation.get(5)).isInstanceOfSatisfying(MemberMuted.class, e -> {
            assertThat(e.userId()).isEqualTo(muted.id());
            assertThat(e.mutedBy()).isEqualTo(owner.id());
            assertThat(e.reason()).isEqualTo("flood");
            assertThat(e.expiresAt()).isEqualTo(until);
        });
        assertThat(moderation.get(6)).isInstanceOfSatisfying(MemberUnmuted.class, e -> {
            assertThat(e.userId()).isEqualTo(muted.id());
            assertThat(e.unmutedBy()).isEqualTo(owner.id());
        });
    }

    @Test
    void aBanRacingTenConcurrentAddsOfTheSameUserEndsWithTheUserNotAMember() throws Exception {
        List<User> users = projectedUsers(3);
        User owner = users.get(0);
        User admin = users.get(1);
        User target = users.get(2);
        String id = group(owner, List.of(admin), List.of());
        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            User adder = i % 2 == 0 ? owner : admin;
            calls.add(() -> add(adder, id, List.of(target.id())));
        }
        calls.add(5, () -> ban(owner, id, target.id()));

        List<Http.Response> responses = all(calls);

        assertThat(responses.get(5).status()).as(responses.get(5).toString()).isEqualTo(200);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 409));
        assertThat(roles(id)).doesNotContainKey(target.id());
        assertThat(listed(owner, id, "bans")).containsExactly(target.id().toString());
    }

}
