package dev.chat.conversation.invitations;

import dev.chat.conversation.web.Caller;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Directed invitations. Under a conversation: CREATE_INVITE (owner and admins; members 403, outsiders 404, direct
 * conversations 409). Under /api/invitations: the invitee's own, 404 for anybody else.
 */
@RestController
@RequestMapping("/api")
class InvitationsController {

    private final InvitationService service;

    InvitationsController(InvitationService service) {
        this.service = service;
    }

    /** 200 with the invitations created (members and users already invited are skipped). */
    @PostMapping("/conversations/{id}/invitations")
    InvitationList invite(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                          @Valid @RequestBody InviteRequest request) {
        return service.invite(Caller.of(jwt), id, request.userIds(), request.expiresAt());
    }

    /** Open invitations, newest first (at most 500). */
    @GetMapping("/conversations/{id}/invitations")
    InvitationList pending(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return service.pending(Caller.of(jwt), id);
    }

    @DeleteMapping("/conversations/{id}/invitations/{invitationId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                                @PathVariable UUID invitationId) {
        service.revoke(Caller.of(jwt), id, invitationId);
        return ResponseEntity.noContent().build();
    }

    /** The caller's open invitations, newest first (at most 500). */
    @GetMapping("/invitations")
    InvitationList mine(@AuthenticationPrincipal Jwt jwt) {
        return service.mine(Caller.of(jwt));
    }

    @PostMapping("/invitations/{invitationId}/accept")
    JoinOutcome accept(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID invitationId) {
        return service.accept(Caller.of(jwt), invitationId);
    }

    @PostMapping("/invitations/{invitationId}/decline")
    ResponseEntity<Void> decline(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID invitationId) {
        service.decline(Caller.of(jwt), invitationId);
        return ResponseEntity.noContent().build();
    }
}
