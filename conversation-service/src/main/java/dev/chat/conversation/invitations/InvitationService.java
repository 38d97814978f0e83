package dev.chat.conversation.invitations;

import dev.chat.conversation.invitations.InvitationRepository.Stored;
import dev.chat.conversation.members.Admission;
import dev.chat.conversation.users.UserDirectory;
import dev.chat.conversation.web.Caller;
import dev.chat.events.InvitationClosed;
import dev.chat.events.MemberInvited;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Directed invitations into a group or channel: owners and admins (CREATE_INVITE) invite, list and revoke; the
 * invitee lists, accepts (joining through {@link Admission}) or declines. Every change locks the conversation's row
 * first, so it is serialised with the conversation's joins, kicks and bans, and publishes exactly one event per
 * change through the outbox, in its transaction: MemberInvited per invitation, InvitationClosed for a decline or a
 * revoke, MemberJoined (from Admission) for an accept.
 */
@Service
class InvitationService {

    static final int LIST_CAP = 500;

    private final InvitationRepository invitations;
    private final InviteAccess access;
    private final Admission admission;
    private final UserDirectory users;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    InvitationService(InvitationRepository invitations, InviteAccess access, Admission admission, UserDirectory users,
                      OutboxWriter outbox, TransactionTemplate tx) {
        this.invitations = invitations;
        this.access = access;
        this.admission = admission;
        this.users = users;
        this.outbox = outbox;
        this.tx = tx;
    }

    /**
     * Invites the users who are neither members nor holding an open invitation (the others are skipped, so a retry
     * is harmless); a lapsed invitation is replaced.
     *
     * @throws ApiProblem 409 (and nothing written) when one of them is banned
     */
    InvitationList invite(Caller caller, UUID conversationId, List<UUID> userIds, Instant expiresAt) {
        Set<UUID> requested = new LinkedHashSet<>(userIds);
        if (requested.size() != userIds.size()) {
            throw ApiProblem.badRequest("userIds must not repeat an id");
        }
        // Refuse early, before asking auth-service about users: a member or outsider learns nothing about them.
        access.requireInviter(conversationId, caller, false);
        users.requireExisting(requested, caller.bearerToken()); // remote: outside the transaction and its lock
        Instant expiry = Times.micros(expiresAt);
        return tx.execute(status -> {
            access.requireInviter(conversationId, caller, true);
            Instant now = Times.now();
            Set<UUID> invitees = new LinkedHashSet<>(requested);
            invitees.removeAll(access.membersAmong(conversationId, invitees));
            List<UUID> banned = access.bannedAmong(conversationId, invitees, now);
            if (!banned.isEmpty()) {
                throw ApiProblem.conflict("user " + banned.getFirst() + " is banned from this conversation");
            }
            if (invitees.isEmpty()) {
                return new InvitationList(List.of());
            }
            invitees.removeAll(invitations.invitedAmong(conversationId, invitees, now));
            if (invitees.isEmpty()) {
                return new InvitationList(List.of());
            }
            invitations.deleteLapsed(conversationId, invitees, now);
            List<UUID> created = new ArrayList<>(invitees.size());
            for (UUID userId : invitees) {
                UUID id = UUID.randomUUID();
                invitations.insert(id, conversationId, userId, caller.userId(), now, expiry);
                outbox.append(new MemberInvited(conversationId, id, userId, caller.userId(), expiry, now));
                created.add(id);
            }
            return new InvitationList(invitations.views(created).stream()
                    .sorted(Comparator.comparingInt(invitation -> created.indexOf(invitation.id())))
                    .toList());
        });
    }

    /** The conversation's open invitations, newest first, for its owner and admins. */
    InvitationList pending(Caller caller, UUID conversationId) {
        access.requireInviter(conversationId, caller, false);
        return new InvitationList(invitations.openOfConversation(conversationId, Times.now(), LIST_CAP));
    }

    /** The caller's own open invitations, newest first. */
    InvitationList mine(Caller caller) {
        return new InvitationList(invitations.openForUser(caller.userId(), Times.now(), LIST_CAP));
    }

    /** @throws ApiProblem 404 unless the invitation is open in this conversation */
    void revoke(Caller caller, UUID conversationId, UUID invitationId) {
        tx.executeWithoutResult(status -> {
            access.requireInviter(conversationId, caller, true);
            Instant now = Times.now();
            Stored invitation = invitations.find(invitationId)
                    .filter(i -> i.conversationId().equals(conversationId) && i.openAt(now))
                    .orElseThrow(() -> notFound(invitationId));
            invitations.close(invitationId, InvitationRepository.REVOKED, now);
            outbox.append(new InvitationClosed(conversationId, invitationId, invitation.userId(),
                    InvitationClosed.REVOKED, caller.userId(), now));
        });
    }

    /**
     * The invitee joins (a no-op join when they already are a member) and the invitation is ACCEPTED.
     *
     * @throws ApiProblem 404 for anyone but the invitee, 409 when it is answered, revoked or expired, 403 while a ban
     *                    on the invitee holds (and nothing changes), 409 when the conversation is full
     */
    JoinOutcome accept(Caller caller, UUID invitationId) {
        UUID conversationId = inviteesOwn(caller, invitationId).conversationId();
        return tx.execute(status -> {
            Instant now = lockAndRequireOpen(caller, invitationId, conversationId);
            admission.requireNotBanned(conversationId, caller.userId());
            boolean joined = admission.admit(conversationId, caller.userId());
            invitations.close(invitationId, InvitationRepository.ACCEPTED, now);
            return new JoinOutcome(conversationId, joined);
        });
    }

    /** @throws ApiProblem 404 for anyone but the invitee, 409 when it is answered, revoked or expired */
    void decline(Caller caller, UUID invitationId) {
        UUID conversationId = inviteesOwn(caller, invitationId).conversationId();
        tx.executeWithoutResult(status -> {
            Instant now = lockAndRequireOpen(caller, invitationId, conversationId);
            invitations.close(invitationId, InvitationRepository.DECLINED, now);
            outbox.append(new InvitationClosed(conversationId, invitationId, caller.userId(),
                    InvitationClosed.DECLINED, caller.userId(), now));
        });
    }

    /** The invitation if the caller is its invitee: anybody else learns nothing, not even that it exists. */
    private Stored inviteesOwn(Caller caller, UUID invitationId) {
        return invitations.find(invitationId).filter(i -> i.userId().equals(caller.userId()))
                .orElseThrow(() -> notFound(invitationId));
    }

    /**
     * Locks the conversation, then re-reads the invitation (its answers and revocations are made under the same lock).
     *
     * @return the time of the answer
     */
    private Instant lockAndRequireOpen(Caller caller, UUID invitationId, UUID conversationId) {
        if (admission.lock(conversationId).isEmpty()) {
            throw notFound(invitationId); // the conversation, and its invitations with it, was deleted
        }
        Stored invitation = invitations.find(invitationId).orElseThrow(() -> notFound(invitationId));
        Instant now = Times.now();
        switch (invitation.status()) {
            case InvitationRepository.ACCEPTED -> throw ApiProblem.conflict("this invitation has already been accepted");
            case InvitationRepository.DECLINED -> throw ApiProblem.conflict("this invitation has already been declined");
            case InvitationRepository.REVOKED -> throw ApiProblem.conflict("this invitation has been revoked");
            default -> {
                if (invitation.expiredAt(now)) {
                    throw ApiProblem.conflict("this invitation has expired");
                }
            }
        }
        return now;
    }

    private static ApiProblem notFound(UUID invitationId) {
        return ApiProblem.notFound("invitation " + invitationId + " not found");
    }
}
