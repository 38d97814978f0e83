package dev.chat.conversation.conversations;

import dev.chat.conversation.conversations.ConversationRepository.Mine;
import dev.chat.conversation.conversations.ConversationView.MemberView;
import dev.chat.conversation.members.ConversationAccess;
import dev.chat.conversation.permission.Action;
import dev.chat.conversation.permission.Permissions;
import dev.chat.conversation.permission.Role;
import dev.chat.conversation.users.UserDirectory;
import dev.chat.conversation.web.Caller;
import dev.chat.events.ConversationCreated;
import dev.chat.events.ConversationUpdated;
import dev.chat.events.MemberJoined;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, reads and edits conversations. A creation writes the conversation, its members and their events
 * (ConversationCreated, then one MemberJoined per member) in one transaction through the outbox; an edit of the
 * details writes the row and one ConversationUpdated snapshot, under the conversation's row lock. Remote look-ups
 * (auth-service) happen before the transaction, so no connection waits on the network.
 *
 * <p>{@link #get} is public: the other features (channels) answer with the conversation as its member sees it.
 */
@Service
public class ConversationService {

    static final String OWNER = "OWNER";
    static final String MEMBER = "MEMBER";

    /** The outcome of a create call: {@code created} false when an existing DM was returned. */
    record Outcome(ConversationView conversation, boolean created) {
    }

    private final ConversationRepository conversations;
    private final ConversationAccess access;
    private final UserDirectory users;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    ConversationService(ConversationRepository conversations, ConversationAccess access, UserDirectory users,
                        OutboxWriter outbox, TransactionTemplate tx) {
        this.conversations = conversations;
        this.access = access;
        this.users = users;
        this.outbox = outbox;
        this.tx = tx;
    }

    /** The one direct conversation of the caller and {@code otherUserId}, created on first use. */
    Outcome openDirect(Caller caller, UUID otherUserId) {
        if (otherUserId.equals(caller.userId())) {
            throw ApiProblem.badRequest("a direct conversation needs another user");
        }
        String key = directKey(caller.userId(), otherUserId);
        Optional<UUID> existing = conversations.findByDirectKey(key);
        if (existing.isPresent()) {
            return new Outcome(get(caller, existing.get()), false);
        }
        users.requireExisting(List.of(otherUserId), caller.bearerToken());
        return tx.execute(status -> {
            UUID id = UUID.randomUUID();
            Instant now = now();
            if (!conversations.insert(id, ConversationCreated.DIRECT, null, caller.userId(), now, key)) {
                // A concurrent request for the same pair committed first: the unique key chose the winner.
                return new Outcome(get(caller, conversations.findByDirectKey(key).orElseThrow()), false);
            }
            // No owner in a DM: neither side moderates the other.
            List<UUID> both = List.of(caller.userId(), otherUserId);
            conversations.insertMembers(id, both, MEMBER, now);
            publishCreated(id, ConversationCreated.DIRECT, null, caller.userId(), now, both, Map.of());
            return new Outcome(get(caller, id), true);
        });
    }

    Outcome createGroup(Caller caller, CreateGroupRequest request) {
        Set<UUID> others = new LinkedHashSet<>(request.memberIds());
        others.remove(caller.userId());
        if (others.isEmpty()) {
            throw ApiProblem.badRequest("a group needs at least one member besides its creator");
        }
        users.requireExisting(others, caller.bearerToken());
        return tx.execute(status -> {
            UUID id = UUID.randomUUID();
            Instant now = now();
            conversations.insert(id, ConversationCreated.GROUP, request.title(), caller.userId(), now, null);
            conversations.insertMembers(id, List.of(caller.userId()), OWNER, now);
            conversations.insertMembers(id, others, MEMBER, now);
            List<UUID> all = new ArrayList<>(others.size() + 1);
            all.add(caller.userId());
            all.addAll(others);
            publishCreated(id, ConversationCreated.GROUP, request.title(), caller.userId(), now, all,
                    Map.of(caller.userId(), OWNER));
            return new Outcome(get(caller, id), true);
        });
    }

    /**
     * The conversation as the caller sees it (inside a transaction: as that transaction sees it).
     *
     * @throws ApiProblem 404 for a conversation the caller is not a member of, whether or not it exists
     */
    public ConversationView get(Caller caller, UUID conversationId) {
        Mine mine = conversations.findForMember(conversationId, caller.userId())
                .orElseThrow(() -> ApiProblem.notFound("conversation " + conversationId + " not found"));
        return toView(mine, conversations.membersOf(List.of(conversationId), caller.userId())
                .getOrDefault(conversationId, List.of()));
    }

    /** One query for the page and one for the members of all its conversations. */
    ConversationPage list(Caller caller, String type, String query, PageCursor before, int limit) {
        List<Mine> rows = conversations.pageForMember(caller.userId(), type, query, before, limit + 1);
        boolean more = rows.size() > limit;
        List<Mine> page = more ? rows.subList(0, limit) : rows;
        Map<UUID, List<MemberView>> members = conversations.membersOf(
                page.stream().map(m -> m.conversation().id()).toList(), caller.userId());
        List<ConversationView> items = page.stream()
                .map(m -> toView(m, members.getOrDefault(m.conversation().id(), List.of())))
                .toList();
        return new ConversationPage(items, more ? PageCursor.after(items.getLast()).format() : null);
    }

    /**
     * Applies the fields present in {@code patch} (EDIT_DETAILS: owner and admins). A patch that changes nothing
     * writes and publishes nothing.
     *
     * @throws ApiProblem 404 for a non-member, 409 for a DM or a slug another channel has, 403 for a MEMBER, 400 for
     *                    a channel's field (readOnly, visibility, slug) on a group
     */
    ConversationView updateDetails(Caller caller, UUID conversationId, DetailsPatch patch) {
        try {
            return tx.execute(status -> {
                Role role = access.roleOfCaller(conversationId, caller, true);
                ConversationRepository.Row row = conversations.find(conversationId).orElseThrow();
                if (ConversationCreated.DIRECT.equals(row.type())) {
                    throw ApiProblem.conflict("direct conversations have no details to edit");
                }
                Permissions.check(role, Action.EDIT_DETAILS);
                List<String> channelOnly = patch.channelOnlyFields();
                if (!ConversationCreated.CHANNEL.equals(row.type()) && !channelOnly.isEmpty()) {
                    throw ApiProblem.badRequest("only channels have " + String.join(", ", channelOnly)
                            + " (this conversation is a " + row.type() + ")");
                }
                Details next = patch.applyTo(row.details());
                if (!next.equals(row.details())) {
                    conversations.updateDetails(conversationId, next);
                    outbox.append(new ConversationUpdated(conversationId, caller.userId(), next.title(),
                            next.description(), next.topic(), next.avatarMediaId(), next.visibility(), next.slug(),
                            next.readOnly(), next.archived(), now()));
                }
                return get(caller, conversationId);
            });
        } catch (DuplicateKeyException e) { // the slug's unique index: the transaction rolled back
            if (patch.slug() == null) {
                throw e;
            }
            throw ApiProblem.conflict("slug \"" + patch.slug().value() + "\" is taken");
        }
    }

    /** "<smaller>:<larger>" of the two ids' canonical strings: the same key whoever opens the DM. */
    static String directKey(UUID a, UUID b) {
        String x = a.toString();
        String y = b.toString();
        return x.compareTo(y) <= 0 ? x + ":" + y : y + ":" + x;
    }

    private void publishCreated(UUID id, String type, String title, UUID createdBy, Instant createdAt,
                                List<UUID> memberIds, Map<UUID, String> roles) {
        outbox.append(new ConversationCreated(id, type, title, createdBy, memberIds, createdAt));
        for (UUID member : memberIds) {
            outbox.append(new MemberJoined(id, member, roles.getOrDefault(member, MEMBER), createdAt));
        }
    }

    private static ConversationView toView(Mine mine, List<MemberView> members) {
        ConversationRepository.Row row = mine.conversation();
        Details d = row.details();
        return new ConversationView(row.id(), row.type(), d.title(), d.description(), d.topic(), d.avatarMediaId(),
                d.visibility(), d.slug(), d.readOnly(), d.archived(), row.createdBy(), row.createdAt(),
                row.memberCount(), members, mine.preferences());
    }

    /** PostgreSQL keeps microseconds: truncate so the answer equals what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
