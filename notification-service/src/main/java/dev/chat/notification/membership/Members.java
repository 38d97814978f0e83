package dev.chat.notification.membership;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.notification.config.NotificationProperties;
import dev.chat.notification.membership.MembershipRepository.MemberList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Members per conversation for the fan-out: an in-memory cache of (version, members) over the projection.
 * Each call reads the current versions of the asked conversations in one small indexed query and loads
 * only the lists whose version differs from the cached one. The projection's consumer group applies each
 * membership event on one pod only, so a cache invalidated in-process would stay stale on every other
 * pod; the version check is right on every pod as soon as the change commits.
 */
@Component
public class Members {

    private final MembershipRepository repository;
    private final Cache<UUID, MemberList> cache;

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
        Map<UUID, Long> versions = repository.versions(conversationIds);
        Map<UUID, List<UUID>> found = new HashMap<>(versions.size() * 2);
        List<UUID> stale = new ArrayList<>();
        versions.forEach((id, version) -> {
            MemberList cached = cache.getIfPresent(id);
            if (cached != null && cached.version() == version) {
                found.put(id, cached.members());
            } else {
                stale.add(id);
            }
        });
        if (!stale.isEmpty()) {
            repository.members(stale).forEach((id, loaded) -> {
                // A concurrent caller may have cached a newer version meanwhile: never go back.
                cache.asMap().merge(id, loaded, (old, neu) -> neu.version() >= old.version() ? neu : old);
                found.put(id, loaded.members());
            });
        }
        return found;
    }

    /** The type (DIRECT, GROUP, CHANNEL) of each conversation the projection knows; unknown ones are absent. */
    public Map<UUID, String> typesOf(Collection<UUID> conversationIds) {
        return repository.types(conversationIds);
    }

    public List<UUID> of(UUID conversationId) {
        return of(List.of(conversationId)).get(conversationId);
    }
}
