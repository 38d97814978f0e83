package dev.chat.conversation.channels;

import dev.chat.conversation.conversations.ConversationService;
import dev.chat.conversation.conversations.ConversationView;
import dev.chat.conversation.members.Admission;
import dev.chat.conversation.permission.Role;
import dev.chat.conversation.users.UserDirectory;
import dev.chat.conversation.web.Caller;
import dev.chat.events.ConversationCreated;
import dev.chat.events.MemberJoined;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.web.problem.ApiProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates channels, lists the public ones and lets users join them. A creation writes the channel, its members and
 * their events (ConversationCreated, then one MemberJoined per member) in one transaction; a join goes through
 * {@link Admission} under the channel's row lock, like every other way in.
 */
@Service
class ChannelService {

    private final ChannelRepository channels;
    private final ConversationService conversations;
    private final Admission admission;
    private final UserDirectory users;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final int maxMembers;

    ChannelService(ChannelRepository channels, ConversationService conversations, Admission admission,
                   UserDirectory users, OutboxWriter outbox, TransactionTemplate tx,
                   @Value("${chat.conversation.max-group-members}") int maxMembers) {
        this.channels = channels;
        this.conversations = conversations;
        this.admission = admission;
        this.users = users;
        this.outbox = outbox;
        this.tx = tx;
        this.maxMembers = maxMembers;
    }

    /**
     * @throws ApiProblem 404 for an unknown member, 409 for an explicit slug that is taken or too many members
     */
    ConversationView create(Caller caller, CreateChannelRequest request) {
        Set<UUID> others = new LinkedHashSet<>(request.memberIds());
        others.remove(caller.userId());
        if (others.size() + 1 > maxMembers) {
            throw ApiProblem.conflict("a conversation has at most " + maxMembers + " members");
        }
        users.requireExisting(others, caller.bearerToken()); // remote: before the transaction
        String visibility = request.visibility() == null ? ConversationCreated.PUBLIC : request.visibility();
        boolean readOnly = Boolean.TRUE.equals(request.readOnly());
        return tx.execute(status -> {
            Instant now = now();
            var channel = new ChannelRepository.NewChannel(UUID.randomUUID(), request.name(), request.description(),
                    request.topic(), visibility, readOnly, caller.userId(), now);
            String slug = request.slug() != null ? insertWith(channel, request.slug())
                    : insertWithFreeSlug(channel, Slugs.derive(request.name()));
            channels.insertMembers(channel.id(), List.of(caller.userId()), Role.OWNER.name(), now);
            if (!others.isEmpty()) {
                channels.insertMembers(channel.id(), others, Role.MEMBER.name(), now);
            }
            List<UUID> all = new ArrayList<>(others.size() + 1);
            all.add(caller.userId());
            all.addAll(others);
            outbox.append(new ConversationCreated(channel.id(), ConversationCreated.CHANNEL, request.name(),
                    caller.userId(), all, now, request.description(), request.topic(), visibility, slug, readOnly));
            for (UUID member : all) {
                String role = member.equals(caller.userId()) ? Role.OWNER.name() : Role.MEMBER.name();
                outbox.append(new MemberJoined(channel.id(), member, role, now));
            }
            return conversations.get(caller, channel.id());
        });
    }

    ChannelPage search(Caller caller, String query, ChannelCursor after, int limit) {
        List<ChannelItem> rows = channels.publicPage(caller.userId(), query, after, limit + 1);
        boolean more = rows.size() > limit;
        List<ChannelItem> page = more ? rows.subList(0, limit) : rows;
        return new ChannelPage(page, more ? ChannelCursor.after(page.getLast()).format() : null);
    }

    /** @throws ApiProblem 404 unless the channel is public or the caller is a member */
    ChannelItem bySlug(Caller caller, String slug) {
        return channels.bySlug(caller.userId(), slug)
                .orElseThrow(() -> ApiProblem.notFound("channel \"" + slug + "\" not found"));
    }

    /**
     * Joins a public channel; a member of a channel (public or private) gets it as it is. 404 for anything else the
     * caller is not in (group, DM, private channel, unknown id), the same answer for each.
     *
     * @throws ApiProblem 404 as above, 403 while a ban holds, 409 when the channel is archived or full
     */
    ConversationView join(Caller caller, UUID conversationId) {
        return tx.execute(status -> {
            Optional<String> type = admission.lock(conversationId);
            Optional<ChannelRepository.State> channel = type.filter(ConversationCreated.CHANNEL::equals)
                    .flatMap(t -> channels.state(conversationId));
            if (channel.isEmpty()) {
                throw notAPublicChannel(conversationId);
            }
            if (!admission.isMember(conversationId, caller.userId())) {
                if (!ConversationCreated.PUBLIC.equals(channel.get().visibility())) {
                    throw notAPublicChannel(conversationId);
                }
                if (channel.get().archived()) {
                    throw ApiProblem.conflict("channel " + conversationId + " is archived: nobody joins it any more");
                }
                admission.admit(conversationId, caller.userId());
            }
            return conversations.get(caller, conversationId);
        });
    }

    /** Inserts the channel with the slug asked for; 409 when it is taken. */
    private String insertWith(ChannelRepository.NewChannel channel, String slug) {
        if (!channels.insert(channel, slug)) {
            throw ApiProblem.conflict("slug \"" + slug + "\" is taken");
        }
        return slug;
    }

    /** Inserts the channel with the first free one of base, base-2, base-3 ... (a race lost moves on to the next). */
    private String insertWithFreeSlug(ChannelRepository.NewChannel channel, String base) {
        Iterator<String> candidates = Slugs.candidates(base).iterator();
        while (true) {
            List<String> batch = new ArrayList<>();
            while (batch.size() < 20) {
                batch.add(candidates.next());
            }
            Set<String> taken = channels.taken(batch);
            for (String slug : batch) {
                if (!taken.contains(slug) && channels.insert(channel, slug)) {
                    return slug;
                }
            }
        }
    }

    private static ApiProblem notAPublicChannel(UUID conversationId) {
        return ApiProblem.notFound("public channel " + conversationId + " not found");
    }

    /** PostgreSQL keeps microseconds: truncate so the answer equals what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
