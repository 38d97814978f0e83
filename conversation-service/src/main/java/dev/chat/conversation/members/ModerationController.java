package dev.chat.conversation.members;

import dev.chat.conversation.web.Caller;
import dev.chat.web.problem.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bans, mutes and the moderation log of a group or channel: BAN and MUTE for the changes, READ_MODERATION_LOG for
 * the three lists (owner and admins; members 403, outsiders 404, direct conversations 409). An expired ban or mute
 * is not listed and does not hold.
 */
@RestController
@RequestMapping("/api/conversations/{id}")
class ModerationController {

    private final ModerationService service;

    ModerationController(ModerationService service) {
        this.service = service;
    }

    @PostMapping("/bans")
    Ban ban(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody RestrictRequest request) {
        return service.ban(Caller.of(jwt), id, request.userId(), request.reason(), request.expiresAt());
    }

    @DeleteMapping("/bans/{userId}")
    ResponseEntity<Void> unban(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable UUID userId) {
        service.unban(Caller.of(jwt), id, userId);
        return ResponseEntity.noContent().build();
    }

    /** Active bans by (bannedAt, userId). */
    @GetMapping("/bans")
    BanPage bans(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                 @RequestParam(required = false) String after,
                 @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return service.bans(Caller.of(jwt), id, cursor(after), limit);
    }

    @PostMapping("/mutes")
    Mute mute(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody RestrictRequest request) {
        return service.mute(Caller.of(jwt), id, request.userId(), request.reason(), request.expiresAt());
    }

    @DeleteMapping("/mutes/{userId}")
    ResponseEntity<Void> unmute(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable UUID userId) {
        service.unmute(Caller.of(jwt), id, userId);
        return ResponseEntity.noContent().build();
    }

    /** Active mutes by (mutedAt, userId). */
    @GetMapping("/mutes")
    MutePage mutes(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                   @RequestParam(required = false) String after,
                   @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return service.mutes(Caller.of(jwt), id, cursor(after), limit);
    }

    /** Newest first; {@code before} is the nextCursor of the previous page. */
    @GetMapping("/moderation-log")
    ModerationLogPage moderationLog(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                                    @RequestParam(required = false) String before,
                                    @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        Long beforeId = null;
        if (before != null && !before.isBlank()) {
            try {
                beforeId = Long.parseLong(before);
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("before must be the nextCursor of a previous page");
            }
        }
        return service.log(Caller.of(jwt), id, beforeId, limit);
    }

    private static MemberCursor cursor(String after) {
        return after == null || after.isBlank() ? null : MemberCursor.parse(after);
    }
}
