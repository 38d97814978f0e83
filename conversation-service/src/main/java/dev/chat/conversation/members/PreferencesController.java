package dev.chat.conversation.members;

import dev.chat.conversation.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notification settings in a conversation of any type; 404 for a non-member. */
@RestController
@RequestMapping("/api/conversations/{id}/preferences")
class PreferencesController {

    private final PreferencesService service;

    PreferencesController(PreferencesService service) {
        this.service = service;
    }

    @GetMapping
    NotificationPreferences get(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return service.get(Caller.of(jwt), id);
    }

    @PutMapping
    @Operation(summary = "Replace the caller's notification settings", description = """
            notifications (ALL, MENTIONS or NONE) is required; mutedUntil is a future instant, or null or left out \
            for no mute. Publishes MemberPreferencesChanged only when something changed.""")
    NotificationPreferences put(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                                @Valid @RequestBody PreferencesRequest request) {
        return service.change(Caller.of(jwt), id, request);
    }
}
