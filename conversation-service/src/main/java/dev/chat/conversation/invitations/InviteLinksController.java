package dev.chat.conversation.invitations;

import dev.chat.conversation.web.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
 * Invite links. Under a conversation: CREATE_INVITE (owner and admins; members 403, outsiders 404, direct
 * conversations 409). Under /api/invite-links: any authenticated user holding the code.
 */
@RestController
@RequestMapping("/api")
class InviteLinksController {

    private final InviteLinkService service;

    InviteLinksController(InviteLinkService service) {
        this.service = service;
    }

    /** 201, Location /api/invite-links/{code} (its preview); the body may be left out (no expiry, no limit). */
    @PostMapping("/conversations/{id}/invite-links")
    ResponseEntity<InviteLink> create(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                                      @Valid @RequestBody(required = false) CreateInviteLinkRequest request) {
        CreateInviteLinkRequest r = request == null ? new CreateInviteLinkRequest(null, null) : request;
        InviteLink link = service.create(Caller.of(jwt), id, r.expiresAt(), r.maxUses());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/invite-links/" + link.code()))
                .body(link);
    }

    /** Newest first (at most 500), revoked and used-up links included. */
    @GetMapping("/conversations/{id}/invite-links")
    InviteLinkList list(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return service.list(Caller.of(jwt), id);
    }

    @DeleteMapping("/conversations/{id}/invite-links/{code}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable String code) {
        service.revoke(Caller.of(jwt), id, code);
        return ResponseEntity.noContent().build();
    }

    /** 404 alike for unknown, revoked, expired and used-up codes. */
    @GetMapping("/invite-links/{code}")
    InviteLinkPreview preview(@AuthenticationPrincipal Jwt jwt, @PathVariable String code) {
        return service.preview(Caller.of(jwt), code);
    }

    @PostMapping("/invite-links/{code}/join")
    JoinOutcome join(@AuthenticationPrincipal Jwt jwt, @PathVariable String code) {
        return service.join(Caller.of(jwt), code);
    }
}
