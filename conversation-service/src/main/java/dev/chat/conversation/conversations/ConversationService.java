package dev.chat.conversation.conversations;

import dev.chat.web.problem.ApiProblem;
import dev.chat.conversation.conversations.ConversationView.MemberView;
import dev.chat.conversation.users.UserDirectory;
import dev.chat.conversation.web.Caller;
import dev.chat.events.ConversationCreated;
import dev.chat.events.MemberJoined;
import dev.chat.events.outbox.OutboxWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates and reads conversations. A creation writes the conversation, its members and their events
 * (ConversationCreated, then one MemberJoined per member) in one transaction through the outbox.
 * Remote look-ups (auth-service) happen before the transaction, so no connection waits on the network.
 */
@Service
class ConversationService {

    static final String OWNER = "OWNER";
    static final String MEMBER = "MEMBER";

    /** The outcome of a create call: {@code created} false when an existing DM was returned. */
    record Outcome(ConversationView conversation, boolean created) {
    }

    private final ConversationRepository conversations;
    private final UserDirectory users;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    ConversationService(ConversationRepository conversations, UserDirectory users, OutboxWriter outbox,
                        TransactionTemplate tx) {
        this.conversations = conversations;
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
        Optional<ConversationRepository.Row> existing = conversations.findByDirectKey(key);
        if (existing.isPresent()) {
            return new Outcome(view(existing.get()), false);
        }
        users.requireExisting(List.of(otherUserId), caller.bearerToken());
        return tx.execute(status -> {
            var row = new ConversationRepository.Row(UUID.randomUUID(), ConversationCreated.DIRECT, null,
                    caller.userId(), now());
            if (!conversations.insert(row, key)) {
                // A concurrent request for the same pair committed first: the unique key chose the winner.
                return new Outcome(view(conversations.findByDirectKey(key).orElseThrow()), false);
            }
            // No owner in a DM: neither side moderates the other.
            conversations.insertMembers(row.id(), List.of(caller.userId(), otherUserId), MEMBER, row.createdAt());
            publishCreated(row, List.of(caller.userId(), otherUserId), Map.of());
            return new Outcome(view(row), true);
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
            var row = new ConversationRepository.Row(UUID.randomUUID(), ConversationCreated.GROUP, request.title(),
                    caller.userId(), now());
            conversations.insert(row, null);
            conversations.insertMembers(row.id(), List.of(caller.userId()), OWNER, row.createdAt());
            conversations.insertMembers(row.id(), others, MEMBER, row.createdAt());
            List<UUID> all = new ArrayList<>(others.size() + 1);
            all.add(caller.userId());
            all.addAll(others);
            publishCreated(row, all, Map.of(caller.userId(), OWNER));
            return new Outcome(view(row), true);
        });
    }

    ConversationView get(Caller caller, UUID conversationId) {
        return conversations.findForMember(conversationId, caller.userId()).map(this::view)
                .orElseThrow(() -> ApiProblem.notFound("conversation " + conversationId + " not found"));
    }

    ConversationPage list(Caller caller, PageCursor before, int limit) {
        List<ConversationRepository.Row> rows = conversations.pageForMember(caller.userId(), before, limit + 1);
        boolean more = rows.size() > limit;
        List<ConversationRepository.Row> page = more ? rows.subList(0, limit) : rows;
        Map<UUID, List<MemberView>> members = conversations.membersOf(
                page.stream().map(ConversationRepository.Row::id).toList());
        List<ConversationView> items = page.stream()
                .map(row -> toView(row, members.getOrDefault(row.id(), List.of())))
                .toList();
        return new ConversationPage(items, more ? PageCursor.after(items.getLast()).format() : null);
    }

    /** "<smaller>:<larger>" of the two ids' canonical strings: the same key whoever opens the DM. */
    static String directKey(UUID a, UUID b) {
        String x = a.toString();
        String y = b.toString();
        return x.compareTo(y) <= 0 ? x + ":" + y : y + ":" + x;
    }

    private void publishCreated(ConversationRepository.Row row, List<UUID> memberIds, Map<UUID, String> roles) {
        outbox.append(new ConversationCreated(row.id(), row.type(), row.title(), row.createdBy(), memberIds,
                row.createdAt()));
        for (UUID member : memberIds) {
            outbox.append(new MemberJoined(row.id(), member, roles.getOrDefault(member, MEMBER), row.createdAt()));
        }
    }

    private ConversationView view(ConversationRepository.Row row) {
        return toView(row, conversations.membersOf(List.of(row.id())).getOrDefault(row.id(), List.of()));
    }

    private static ConversationView toView(ConversationRepository.Row row, List<MemberView> members) {
        return new ConversationView(row.id(), row.type(), row.title(), row.createdBy(), row.createdAt(), members);
    }

    /** PostgreSQL keeps microseconds: truncate so the answer equals what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
