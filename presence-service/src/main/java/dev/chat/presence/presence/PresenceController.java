package dev.chat.presence.presence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
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
    private static final String PARAMETER = "userIds";

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
    Mono<PresenceList> presence(@Parameter(description = "1 to 100 comma-separated user ids (UUIDs)")
                                @RequestParam(name = PARAMETER, required = false) String userIds) {
        List<UUID> users = parse(userIds);
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

    /**
     * Parsed here rather than by the framework's list conversion, which trims blanks (and NUL) to null
     * elements and so turned {@code userIds=%20} or {@code ,} into a 500. Repeated parameters arrive joined
     * by commas. Every bad value is a 400 naming the parameter; the value itself is not echoed.
     */
    static List<UUID> parse(String userIds) {
        if (userIds == null || userIds.isEmpty()) {
            throw badParameter("userIds is required: 1 to " + MAX_USERS + " comma-separated user ids.");
        }
        String[] parts = userIds.split(",", -1);
        if (parts.length > MAX_USERS) {
            throw badParameter("userIds holds more than " + MAX_USERS + " user ids.");
        }
        LinkedHashSet<UUID> users = new LinkedHashSet<>();
        for (String part : parts) {
            UUID id = uuid(part.strip());
            if (id == null) {
                throw badParameter("userIds holds a value that is not a user id (UUID).");
            }
            users.add(id);
        }
        return List.copyOf(users);
    }

    private static UUID uuid(String s) {
        if (s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ErrorResponseException badParameter(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad Request");
        problem.setProperty("parameter", PARAMETER);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
