package dev.chat.conversation.conversations;

import dev.chat.conversation.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    private final ConversationService service;

    ConversationController(ConversationService service) {
        this.service = service;
    }

    /** 201 with the new DM, or 200 with the existing one: one DM per pair. */
    @PostMapping("/direct")
    ResponseEntity<ConversationView> openDirect(@AuthenticationPrincipal Jwt jwt,
                                                @Valid @RequestBody CreateDirectRequest request) {
        return respond(service.openDirect(Caller.of(jwt), request.userId()));
    }

    @PostMapping
    ResponseEntity<ConversationView> createGroup(@AuthenticationPrincipal Jwt jwt,
                                                 @Valid @RequestBody CreateGroupRequest request) {
        return respond(service.createGroup(Caller.of(jwt), request));
    }

    /** The caller's conversations, newest first. */
    @GetMapping
    ConversationPage list(@AuthenticationPrincipal Jwt jwt,
                          @RequestParam(required = false) String before,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return service.list(Caller.of(jwt), before == null || before.isBlank() ? null : PageCursor.parse(before),
                limit);
    }

    /** 404 for a conversation the caller is not a member of, whether or not it exists. */
    @GetMapping("/{id}")
    ConversationView get(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return service.get(Caller.of(jwt), id);
    }

    private static ResponseEntity<ConversationView> respond(ConversationService.Outcome outcome) {
        ConversationView view = outcome.conversation();
        if (!outcome.created()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/conversations/" + view.id()))
                .body(view);
    }
}
