package dev.chat.conversation.members;

import dev.chat.conversation.permission.Action;
import dev.chat.conversation.permission.Permissions;
import dev.chat.conversation.permission.Role;
import dev.chat.conversation.users.UserDirectory;
import dev.chat.conversation.web.Caller;
import dev.chat.events.ConversationDeleted;
import dev.chat.events.MemberJoined;
import dev.chat.events.MemberLeft;
import dev.chat.events.MemberRoleChanged;
import dev.chat.events.OwnershipTransferred;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds, removes, promotes and demotes the members of a group or channel, and moves its ownership. Every change
 * locks the conversation's row first and re-reads the caller's role under that lock, so concurrent changes to one
 * conversation apply one after another against fresh state; its event goes to the outbox, and a kick, role change or
 * transfer to the moderation log, in the same transaction. A banned user cannot be added while the ban holds.
 */
@Service
class MemberService {

    static final String DIRECT_REFUSAL = ConversationAccess.DIRECT_REFUSAL;

    private final MemberRepository members;
    private final ConversationAccess access;
    private final ModerationRepository moderation;
    private final UserDirectory users;
    private final OutboxWriter outbox;
    private final ApplicationEventPublisher announcements;
    private final TransactionTemplate tx;
    private final int maxGroupMembers;

    MemberService(MemberRepository members, ConversationAccess access, ModerationRepository moderation,
                  UserDirectory users, OutboxWriter outbox, ApplicationEventPublisher announcements,
                  TransactionTemplate tx, @Value("${chat.conversation.max-group-members}") int maxGroupMembers) {
        this.members = members;
        this.access = access;
        this.moderation = moderation;
        this.users = users;
        this.outbox = outbox;
        this.announcements = announcements;
        this.tx = tx;
        this.maxGroupMembers = maxGroupMembers;
    }

    MemberPage list(Caller caller, UUID conversationId, MemberCursor after, int limit) {
        access.roleOfCaller(conversationId, caller, false);
        List<Member> rows = members.page(conversationId, after, limit + 1);
        boolean more = rows.size() > limit;
        List<Member> page = more ? rows.subList(0, limit) : rows;
        return new MemberPage(page, more ? MemberCursor.after(page.getLast()).format() : null);
    }

    /** Adds the users who are not members yet, as MEMBERs; the others are skipped, so a retry is harmless. */
    AddedMembers add(Caller caller, UUID conversationId, List<UUID> userIds) {
        Set<UUID> requested = new LinkedHashSet<>(userIds);
        if (requested.size() != userIds.size()) {
            throw ApiProblem.badRequest("userIds must not repeat an id");
        }
        // Refuse early, before asking auth-service about users: a member or outsider learns nothing about them.
        Permissions.check(access.moderatedRoleOfCaller(conversationId, caller, false), Action.ADD_MEMBERS);
        users.requireExisting(requested, caller.bearerToken()); // remote: outside the transaction and its lock
        return tx.execute(status -> {
            Permissions.check(access.moderatedRoleOfCaller(conversationId, caller, true), Action.ADD_MEMBERS);
            Set<UUID> joining = new LinkedHashSet<>(requested);
            joining.removeAll(members.membersAmong(conversationId, requested));
            // Under the lock: a ban committed before us is seen, and one waiting for the lock comes after the add.
            Optional<UUID> banned = moderation.bannedAmong(conversationId, joining, now()).stream().findFirst();
            if (banned.isPresent()) {
                throw ApiProblem.conflict("user " + banned.get() + " is banned from this conversation");
            }
            if (joining.isEmpty()) {
                return new AddedMembers(List.of());
            }
            if (members.count(conversationId) + joining.size() > maxGroupMembers) {
                throw ApiProblem.conflict("a conversation has at most " + maxGroupMembers + " members");
            }
            Instant now = now();
            members.insert(conversationId, joining, Role.MEMBER, now);
            for (UUID userId : joining) {
                outbox.append(new MemberJoined(conversationId, userId, Role.MEMBER.name(), now));
            }
            announcements.publishEvent(new MembersAdmitted(conversationId, List.copyOf(joining), now));
            List<UUID> order = List.copyOf(joining);
            return new AddedMembers(members.findAll(conversationId, joining).stream()
                    .sorted(Comparator.comparingInt(m -> order.indexOf(m.userId())))
                    .toList());
        });
    }

    /** The caller leaving (target is themselves) or kicking another member. */
    void remove(Caller caller, UUID conversationId, UUID userId) {
        tx.executeWithoutResult(status -> {
            Role actor = access.moderatedRoleOfCaller(conversationId, caller, true);
            if (userId.equals(caller.userId())) {
                leave(caller, conversationId, actor);
                return;
            }
            Permissions.check(actor, Action.KICK);
            Permissions.check(actor, Action.KICK, access.roleOfMember(conversationId, userId));
            Instant now = now();
            members.delete(conversationId, userId);
            outbox.append(new MemberLeft(conversationId, userId, "KICKED", now));
            moderation.log(conversationId, caller.userId(), ModerationAction.KICK, userId, null, null, now);
        });
    }

    private void leave(Caller caller, UUID conversationId, Role role) {
        int count = members.count(conversationId);
        if (count == 1) {
            // The last member leaving: nobody is left to see or moderate it.
            members.deleteConversation(conversationId);
            outbox.append(new ConversationDeleted(conversationId, caller.userId(), now()));
            return;
        }
        if (role == Role.OWNER) {
            throw ApiProblem.conflict("the owner must transfer ownership (POST /api/conversations/" + conversationId
                    + "/owner) before leaving");
        }
        members.delete(conversationId, caller.userId());
        outbox.append(new MemberLeft(conversationId, caller.userId(), "LEFT", now()));
    }

    /** The owner deletes a group or channel: its members, bans, invitations and log go with it (by cascade). */
    void deleteConversation(Caller caller, UUID conversationId) {
        tx.executeWithoutResult(status -> {
            Permissions.check(access.moderatedRoleOfCaller(conversationId, caller, true), Action.DELETE_CONVERSATION);
            members.deleteConversation(conversationId);
            outbox.append(new ConversationDeleted(conversationId, caller.userId(), now()));
        });
    }

    /** Promotes to ADMIN or demotes to MEMBER; setting the role a member has changes and publishes nothing. */
    Member changeRole(Caller caller, UUID conversationId, UUID userId, Role role) {
        if (role == Role.OWNER) {
            throw ApiProblem.badRequest("ownership moves with POST /api/conversations/" + conversationId + "/owner");
        }
        Action action = role == Role.ADMIN ? Action.PROMOTE : Action.DEMOTE;
        return tx.execute(status -> {
            Role actor = access.moderatedRoleOfCaller(conversationId, caller, true);
            Permissions.check(actor, action);
            Role current = access.roleOfMember(conversationId, userId);
            Permissions.check(actor, action, current);
            if (current != role) {
                Instant now = now();
                members.setRole(conversationId, userId, role);
                outbox.append(new MemberRoleChanged(conversationId, userId, role.name(), caller.userId(), now));
                moderation.log(conversationId, caller.userId(),
                        role == Role.ADMIN ? ModerationAction.PROMOTE : ModerationAction.DEMOTE, userId, null, null, now);
            }
            return members.find(conversationId, userId).orElseThrow();
        });
    }

    /** The owner hands the group to another member and stays on as an ADMIN, in one transaction. */
    OwnershipChange transferOwnership(Caller caller, UUID conversationId, UUID newOwnerId) {
        return tx.execute(status -> {
            Permissions.check(access.moderatedRoleOfCaller(conversationId, caller, true), Action.TRANSFER_OWNERSHIP);
            if (newOwnerId.equals(caller.userId())) {
                throw ApiProblem.badRequest("ownership goes to another member");
            }
            access.roleOfMember(conversationId, newOwnerId);
            // This order keeps the one-owner unique index satisfied at every statement.
            members.setRole(conversationId, caller.userId(), Role.ADMIN);
            members.setRole(conversationId, newOwnerId, Role.OWNER);
            Instant now = now();
            outbox.append(new OwnershipTransferred(conversationId, caller.userId(), newOwnerId, now));
            moderation.log(conversationId, caller.userId(), ModerationAction.TRANSFER_OWNERSHIP, newOwnerId, null, null, now);
            return new OwnershipChange(members.find(conversationId, caller.userId()).orElseThrow(),
                    members.find(conversationId, newOwnerId).orElseThrow());
        });
    }

    /** PostgreSQL keeps microseconds: truncate so the answer equals what a later read returns. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
