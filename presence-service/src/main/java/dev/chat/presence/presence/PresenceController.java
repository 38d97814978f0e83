package dev.chat.presence.presence;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/presence?userIds=a,b}: live status from Redis (a user is ONLINE while any node holds a
 * socket of theirs) and the last transition's time from this service's database.
 */
@RestController
class PresenceController {

    /** 100 ids fit a request line (Netty refuses lines over 4 KiB with 414). */
    static final int MAX_USERS = 100;

    private final UserPresenceRepository repository;
    private final LiveStatus liveStatus;

    PresenceController(UserPresenceRepository repository, LiveStatus liveStatus) {
        this.repository = repository;
        this.liveStatus = liveStatus;
    }

    record UserPresence(UUID userId, String status, Instant lastSeenAt) {
    }

    record PresenceList(List<UserPresence> items) {
    }

    @Operation(summary = "Presence of up to 100 users")
    @GetMapping("/api/presence")
    Mono<PresenceList> presence(@RequestParam @NotEmpty @Size(max = MAX_USERS) List<UUID> userIds) {
        List<UUID> users = List.copyOf(new LinkedHashSet<>(userIds));
        Mono<Map<UUID, Instant>> lastSeen = Mono.fromCallable(() -> repository.lastSeen(users))
                .subscribeOn(Schedulers.boundedElastic());
        Mono<List<Boolean>> online = Flux.fromIterable(users).flatMapSequential(liveStatus::isOnline).collectList();
        return Mono.zip(online, lastSeen, (on, seen) -> new PresenceList(IntStream
                .range(0, users.size())
                .mapToObj(i -> new UserPresence(users.get(i),
                        on.get(i) ? PresenceTransitions.ONLINE : PresenceTransitions.OFFLINE,
                        seen.get(users.get(i))))
                .toList()));
    }
}
