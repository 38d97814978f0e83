package dev.chat.conversation.invitations;

import dev.chat.conversation.members.Admission;
import dev.chat.conversation.web.Caller;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invite links of a group or channel: owners and admins (CREATE_INVITE) create, list and revoke them; any
 * authenticated user previews a usable one and joins by it through {@link Admission}. A join locks the
 * conversation's row, refuses a banned user and lets a member through before it spends a use, and spends it with
 * one conditional UPDATE, so the count is exact under any concurrency. Links publish no events of their own; a join
 * publishes MemberJoined.
 */
@Service
class InviteLinkService {

    static final int LIST_CAP = 500;
    private static final int CODE_ATTEMPTS = 5;

    private final InviteLinkRepository links;
    private final InviteAccess access;
    private final Admission admission;
    private final TransactionTemplate tx;

    InviteLinkService(InviteLinkRepository links, InviteAccess access, Admission admission, TransactionTemplate tx) {
        this.links = links;
        this.access = access;
        this.admission = admission;
        this.tx = tx;
    }

    InviteLink create(Caller caller, UUID conversationId, Instant expiresAt, Integer maxUses) {
        return tx.execute(status -> {
            access.requireInviter(conversationId, caller, true);
            Instant now = Times.now();
            for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
                String code = InviteCodes.next();
                if (links.insert(code, conversationId, caller.userId(), now, Times.micros(expiresAt), maxUses)) {
                    return links.find(code).orElseThrow();
                }
            }
            // 62^12 codes: five collisions in a row mean the random source is broken, not bad luck.
            throw new IllegalStateException("no free invite code after " + CODE_ATTEMPTS + " attempts");
        });
    }

    InviteLinkList list(Caller caller, UUID conversationId) {
        access.requireInviter(conversationId, caller, false);
        return new InviteLinkList(links.ofConversation(conversationId, LIST_CAP));
    }

    /** @throws ApiProblem 404 when the conversation has no link with this code */
    void revoke(Caller caller, UUID conversationId, String code) {
        tx.executeWithoutResult(status -> {
            access.requireInviter(conversationId, caller, true);
            if (!InviteCodes.wellFormed(code) || !links.revoke(code, conversationId, Times.now())) {
                throw notFound();
            }
        });
    }

    /** One answer, 404, for unknown, revoked, expired and used-up codes: a code cannot be probed for its state. */
    InviteLinkPreview preview(Caller caller, String code) {
        if (!InviteCodes.wellFormed(code)) {
            throw notFound();
        }
        return links.preview(code, caller.userId(), Times.now()).orElseThrow(InviteLinkService::notFound);
    }

    /**
     * @throws ApiProblem 404 for an unknown code, 403 while a ban on the caller holds, 409 when the link is revoked,
     *                    expired or used up, 409 when the conversation is full; nothing is spent when refused
     */
    JoinOutcome join(Caller caller, String code) {
        UUID conversationId = find(code).map(InviteLink::conversationId).orElseThrow(InviteLinkService::notFound);
        return tx.execute(status -> {
            if (admission.lock(conversationId).isEmpty()) {
                throw notFound(); // deleted with its conversation
            }
            admission.requireNotBanned(conversationId, caller.userId());
            if (admission.isMember(conversationId, caller.userId())) {
                return new JoinOutcome(conversationId, false);
            }
            if (!links.spendUse(code, Times.now())) {
                throw links.find(code).isPresent() ? ApiProblem.conflict("this invite link is no longer valid")
                        : notFound();
            }
            admission.admit(conversationId, caller.userId());
            return new JoinOutcome(conversationId, true);
        });
    }

    private Optional<InviteLink> find(String code) {
        return InviteCodes.wellFormed(code) ? links.find(code) : Optional.empty();
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("invite link not found");
    }
}
