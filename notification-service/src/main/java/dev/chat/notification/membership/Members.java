package dev.chat.notification.membership;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.notification.config.NotificationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Members per conversation for the fan-out: an in-memory cache over the projection, invalidated by the
 * projection after each membership change commits. A load that raced with an invalidation is not
 * cached (the generation check), so a stale member list cannot outlive the change that replaced it.
 */
@Component
public class Members {

    private final MembershipRepository repository;
    private final Cache<UUID, List<UUID>> cache;
    private final AtomicLong generation = new AtomicLong();

    Members(MembershipRepository repository, NotificationProperties properties) {
        this.repository = repository;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.membership().cacheSize())
                .expireAfterAccess(Duration.ofMinutes(30))
                .build();
    }

    /**
     * Members of each conversation the projection knows. A conversation missing from the result is not
     * known yet: its ConversationCreated has not been applied.
     */
    public Map<UUID, List<UUID>> of(Collection<UUID> conversationIds) {
        Map<UUID, List<UUID>> found = new HashMap<>(cache.getAllPresent(conversationIds));
        if (found.size() == conversationIds.size()) {
            return found;
        }
        List<UUID> missing = new ArrayList<>();
        for (UUID id : conversationIds) {
            if (!found.containsKey(id)) {
                missing.add(id);
            }
        }
        long before = generation.get();
        Map<UUID, List<UUID>> loaded = repository.members(missing);
        if (generation.get() == before) {
            loaded.forEach((id, users) -> cache.put(id, List.copyOf(users)));
        }
        found.putAll(loaded);
        return found;
    }

    public List<UUID> of(UUID conversationId) {
        return of(List.of(conversationId)).get(conversationId);
    }

    /** After a membership change of {@code conversationId} committed. */
    void invalidate(UUID conversationId) {
        generation.incrementAndGet();
        cache.invalidate(conversationId);
    }
}
