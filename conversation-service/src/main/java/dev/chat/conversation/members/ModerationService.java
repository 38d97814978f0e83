package dev.chat.conversation.members;

import dev.chat.conversation.permission.Action;
import dev.chat.conversation.permission.Permissions;
import dev.chat.conversation.permission.Role;
import dev.chat.conversation.users.UserDirectory;
import dev.chat.conversation.web.Caller;
import dev.chat.events.MemberBanned;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberMuted;
import dev.chat.events.MemberUnbanned;
import dev.chat.events.MemberUnmuted;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bans, mutes and the moderation log of a group or channel. As in {@link MemberService}, every change locks the
 * conversation's row, checks the caller's role (and the target's, for a member) under that lock, and writes its
 * rows, its events and its moderation log entry in one transaction.
 */
@Service
class ModerationService {

    private final MemberRepository members;
    private final ModerationRepository moderation;
    private final ConversationAccess access;
    private final UserDirectory users;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    ModerationService(MemberRepository members, ModerationRepository moderation, ConversationAccess access,
                      UserDirectory users, OutboxWriter outbox, TransactionTemplate tx) {
        this.members = members;
        this.moderation = moderation;
        this.access = access;
        this.users = users;
        this.outbox = outbox;
        this.tx = tx;
    }

    /**
     * Bans a member (who leaves, reason BANNED) or a non-member (pre-emptively). Banning again replaces the reason,
     * expiry, bannedBy and bannedAt and publishes MemberBanned again, with no second MemberLeft.
     */
    Ban ban(Caller caller, UUID conversationId, UUID userId, String reason, Instant expiresAt) {
        Permissions.check(access.moderatedRoleOfCaller(conversationId, caller, false), Action.BAN);
        users.requireExisting(Set.of(userId), caller.bearerToken()); // remote: outside the transaction and its lock
        return tx.execute(status -> {
            Role actor = access.moderatedRoleOfCaller(conversationId, caller, true);
            Permissions.check(actor, Action.BAN);
            Optional<Role> target = members.roleOf(conversationId, userId);
            if (target.isPresent()) { // the caller is one: banning themselves is refused here
                Permissions.check(actor, Action.BAN, target.get());
            }
            Instant now = MemberService.now();
            Ban ban = new Ban(userId, blankToNull(reason), caller.userId(), now, expiresAt);
            if (target.isPresent()) {
                members.delete(conversationId, userId); // their mute goes with the membership
                outbox.append(new MemberLeft(conversationId, userId, "BANNED", now));
            }
            moderation.upsertBan(conversationId, ban);
            outbox.append(new MemberBanned(conversationId, userId, caller.userId(), ban.reason(), expiresAt, now));
            moderation.log(conversationId, caller.userId(), ModerationAction.BAN, userId, ban.reason(), expiresAt, now);
            return ban;
        });
    }

    /** @throws ApiProblem 404 when the user has no active ban */
    void unban(Caller caller, UUID conversationId, UUID userId) {
        tx.executeWithoutResult(status -> {
            Permissions.check(access.moderatedRoleOfCaller(conversationId, caller, true), Action.BAN);
            Instant now = MemberService.now();
            if (moderation.activeBan(conversationId, userId, now).isEmpty()) {
                throw ApiProblem.notFound("user " + userId + " is not banned from this conversation");
            }
            moderation.deleteBan(conversationId, userId);
            outbox.append(new MemberUnbanned(conversationId, userId, caller.userId(), now));
            moderation.log(conversationId, caller.userId(), ModerationAction.UNBAN, userId, null, null, now);
        });
    }

    /** Mutes a member (404 for a non-member); muting again replaces reason and expiry and publishes again. */
    Mute mute(Caller caller, UUID conversationId, UUID userId, String reason, Instant expiresAt) {
        return tx.execute(status -> {
            Role actor = access.moderatedRoleOfCaller(conversationId, caller, true);
            Permissions.check(actor, Action.MUTE);
            Permissions.check(actor, Action.MUTE, access.roleOfMember(conversationId, userId));
            Instant now = MemberService.now();
            Mute mute = new Mute(userId, blankToNull(reason), caller.userId(), now, expiresAt);
            moderation.upsertMute(conversationId, mute);
            outbox.append(new MemberMuted(conversationId, userId, caller.userId(), mute.reason(), expiresAt, now));
            moderation.log(conversationId, caller.userId(), ModerationAction.MUTE, userId, mute.reason(), expiresAt,
                    now);
            return mute;
        });
    }

    /** @throws ApiProblem 404 when the user is not a member or has no active mute */
    void unmute(Caller caller, UUID conversationId, UUID userId) {
        tx.executeWithoutResult(status -> {
            Role actor = access.moderatedRoleOfCaller(conversationId, caller, true);
            Permissions.check(actor, Action.MUTE);
            Permissions.check(actor, Action.MUTE, access.roleOfMember(conversationId, userId));
            Instant now = MemberService.now();
            if (moderation.activeMute(conversationId, userId, now).isEmpty()) {
                throw ApiProblem.notFound("user " + userId + " is not muted in this conversation");
            }
            moderation.deleteMute(conversationId, userId);
            outbox.append(new MemberUnmuted(conversationId, userId, caller.userId(), now));
            moderation.log(conversationId, caller.userId(), ModerationAction.UNMUTE, userId, null, null, now);
        });
    }

    BanPage bans(Caller caller, UUID conversationId, MemberCursor after, int limit) {
        requireReader(caller, conversationId);
        List<Ban> rows = moderation.bans(conversationId, after, MemberService.now(), limit + 1);
        return new BanPage(trim(rows, limit), next(rows, limit, b -> new MemberCursor(b.bannedAt(), b.userId())));
    }

    MutePage mutes(Caller caller, UUID conversationId, MemberCursor after, int limit) {
        requireReader(caller, conversationId);
        List<Mute> rows = moderation.mutes(conversationId, after, MemberService.now(), limit + 1);
        return new MutePage(trim(rows, limit), next(rows, limit, m -> new MemberCursor(m.mutedAt(), m.userId())));
    }

    ModerationLogPage log(Caller caller, UUID conversationId, Long beforeId, int limit) {
        requireReader(caller, conversationId);
        List<ModerationRepository.Logged> rows = moderation.logPage(conversationId, beforeId, limit + 1);
        List<ModerationRepository.Logged> page = trim(rows, limit);
        return new ModerationLogPage(page.stream().map(ModerationRepository.Logged::entry).toList(),
                rows.size() > limit ? Long.toString(page.getLast().id()) : null);
    }

    private void requireReader(Caller caller, UUID conversationId) {
        Permissions.check(access.moderatedRoleOfCaller(conversationId, caller, false), Action.READ_MODERATION_LOG);
    }

    private static <T> List<T> trim(List<T> rows, int limit) {
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    private static <T> String next(List<T> rows, int limit, Function<T, MemberCursor> cursor) {
        return rows.size() > limit ? cursor.apply(rows.get(limit - 1)).format() : null;
    }

    private static String blankToNull(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }
}
