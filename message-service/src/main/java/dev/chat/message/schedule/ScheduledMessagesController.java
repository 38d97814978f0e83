package dev.chat.message.schedule;

import dev.chat.message.web.Caller;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled messages (docs/scheduled-messages.md): only their author sees and changes them. */
@RestController
class ScheduledMessagesController {

    private final Scheduler scheduler;

    ScheduledMessagesController(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * 201 with the scheduled message (PENDING). 400 for a blank, too long or malformed body, a sendAt missing, not in
     * the future or more than a year ahead, or a replyToId that is no message of the conversation; 404 when the caller
     * is not a member; 403 when the caller is muted, or a plain member of a read-only channel; 409 when the
     * conversation is archived.
     */
    @PostMapping("/api/conversations/{conversationId}/scheduled-messages")
    ResponseEntity<ScheduledMessage> schedule(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                                              @Valid @RequestBody ScheduleRequests.Create request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(scheduler.schedule(conversationId, Caller.of(jwt), request));
    }

    /** The caller's PENDING scheduled messages in the conversation, soonest first. 404 when not a member. */
    @GetMapping("/api/conversations/{conversationId}/scheduled-messages")
    ScheduledMessages inConversation(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId) {
        return new ScheduledMessages(scheduler.pending(Caller.of(jwt), conversationId));
    }

    /** All the caller's PENDING scheduled messages, soonest first (at most 500). */
    @GetMapping("/api/scheduled-messages")
    ScheduledMessages all(@AuthenticationPrincipal Jwt jwt) {
        return new ScheduledMessages(scheduler.pending(Caller.of(jwt), null));
    }

    /**
     * 200 with the scheduled message changed (body, sendAt or both; an absent field stays). 400 as for scheduling, or
     * when neither is given; 404 when it is not the caller's; 409 once it was sent or failed (or while it is being
     * sent); 403 / 409 when the caller may no longer post there.
     */
    @PatchMapping("/api/scheduled-messages/{id}")
    ScheduledMessage change(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                            @Valid @RequestBody ScheduleRequests.Change request) {
        return scheduler.change(id, Caller.of(jwt), request);
    }

    /** 204 once cancelled (the scheduled message is gone). 404 when it is not the caller's; 409 once it was sent or failed. */
    @DeleteMapping("/api/scheduled-messages/{id}")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        scheduler.cancel(id, Caller.of(jwt));
        return ResponseEntity.noContent().build();
    }

    record ScheduledMessages(List<ScheduledMessage> items) {
    }
}
