package dev.chat.conversation.members;

import dev.chat.conversation.permission.Role;
import dev.chat.events.MemberJoined;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one way a user joins a group or channel by their own act (joining a public channel, accepting an invitation,
 * using an invite link), for the features outside this package. Call it inside a transaction: {@link #lock} first,
 * then whatever the path checks (the invitation, the link's uses), then {@link #admit}; the conversation's row lock
 * serialises it with every kick, ban and other join, so a ban committed first is seen and none can slip in between.
 * Also the reads of members and bans those features need, so the rules (an expired ban does not hold) stay here.
 */
@Component
public class Admission {

    private final MemberRepository members;
    private final ModerationRepository moderation;
    private final OutboxWriter outbox;
    private final ApplicationEventPublisher announcements;
    private final int maxGroupMembers;

    Admission(MemberRepository members, ModerationRepository moderation, OutboxWriter outbox,
              ApplicationEventPublisher announcements,
              @Value("${chat.conversation.max-group-members}") int maxGroupMembers) {
        this.members = members;
        this.moderation = moderation;
        this.outbox = outbox;
        this.announcements = announcements;
        this.maxGroupMembers = maxGroupMembers;
    }

    /**
     * Locks the conversation's row until the transaction ends.
     *
     * @return its type, empty when it does not exist (or was deleted while we waited)
     */
    public Optional<String> lock(UUID conversationId) {
        return members.lockConversation(conversationId);
    }

    /** The conversation's type, empty when it does not exist; no lock (for reads and early refusals). */
    public Optional<String> typeOf(UUID conversationId) {
        return members.typeOf(conversationId);
    }

    /** The user's role, empty for a non-member. */
    public Optional<Role> roleOf(UUID conversationId, UUID userId) {
        return members.roleOf(conversationId, userId);
    }

    /** The ids among {@code userIds} that are members. */
    public List<UUID> membersAmong(UUID conversationId, Collection<UUID> userIds) {
        return members.membersAmong(conversationId, userIds);
    }

    /** The ids among {@code userIds} with a ban that holds at {@code now}, in one round trip. */
    public List<UUID> bannedAmong(UUID conversationId, Collection<UUID> userIds, Instant now) {
        return moderation.bannedAmong(conversationId, userIds, now);
    }

    /** Whether the user is a member now (under the lock: stays true until the transaction ends). */
    public boolean isMember(UUID conversationId, UUID userId) {
        return members.roleOf(conversationId, userId).isPresent();
    }

    /**
     * Refuses a banned user. Separate from {@link #admit} so a path can refuse before it spends anything (an invite
     * link's use, an invitation).
     *
     * @throws ApiProblem 403 while a ban on the user holds
     */
    public void requireNotBanned(UUID conversationId, UUID userId) {
        if (moderation.activeBan(conversationId, userId, now()).isPresent()) {
            throw ApiProblem.forbidden("you are banned from this conversation");
        }
    }

    /**
     * Makes {@code userId} a MEMBER and publishes {@link MemberJoined}, under the lock taken by {@link #lock}.
     *
     * @return false (and nothing written) when they already are a member
     * @throws ApiProblem 403 while a ban holds, 409 when the conversation is full
     */
    public boolean admit(UUID conversationId, UUID userId) {
        if (isMember(conversationId, userId)) {
            return false;
        }
        requireNotBanned(conversationId, userId);
        if (members.count(conversationId) >= maxGroupMembers) {
            throw ApiProblem.conflict("a conversation has at most " + maxGroupMembers + " members");
        }
        Instant now = now();
        members.insert(conversationId, List.of(userId), Role.MEMBER, now);
        outbox.append(new MemberJoined(conversationId, userId, Role.MEMBER.name(), now));
        announcements.publishEvent(new MembersAdmitted(conversationId, List.of(userId), now));
        return true;
    }

    private static Instant now() {
        return MemberService.now();
    }
}
