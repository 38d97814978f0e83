package dev.chat.conversation.members;

import dev.chat.conversation.permission.Role;
import dev.chat.conversation.web.Caller;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The members of a conversation and their roles. The caller must be a member (404 otherwise, as for a conversation
 * that does not exist); direct conversations refuse every change (409); who may do what is the permission matrix.
 */
@RestController
@RequestMapping("/api/conversations/{id}")
class MembersController {

    private final MemberService service;

    MembersController(MemberService service) {
        this.service = service;
    }

    /** Sorted by (joinedAt, userId). */
    @GetMapping("/members")
    MemberPage listMembers(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                           @RequestParam(required = false) String after,
                           @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return service.list(Caller.of(jwt), id, after == null || after.isBlank() ? null : MemberCursor.parse(after),
                limit);
    }

    /** ADD_MEMBERS: 200 with the users who were not members yet. */
    @PostMapping("/members")
    AddedMembers addMembers(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                            @Valid @RequestBody AddMembersRequest request) {
        return service.add(Caller.of(jwt), id, request.userIds());
    }

    /** Leaving when {@code userId} is the caller, KICK otherwise. */
    @DeleteMapping("/members/{userId}")
    ResponseEntity<Void> removeMember(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                                      @PathVariable UUID userId) {
        service.remove(Caller.of(jwt), id, userId);
        return ResponseEntity.noContent().build();
    }

    /** PROMOTE (to ADMIN) or DEMOTE (to MEMBER). */
    @PutMapping("/members/{userId}/role")
    Member changeRole(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @PathVariable UUID userId,
                      @Valid @RequestBody ChangeRoleRequest request) {
        return service.changeRole(Caller.of(jwt), id, userId, Role.valueOf(request.role()));
    }

    /** DELETE_CONVERSATION (the owner): the conversation and every membership end; 204. */
    @DeleteMapping
    ResponseEntity<Void> deleteConversation(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        service.deleteConversation(Caller.of(jwt), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/owner")
    OwnershipChange transferOwnership(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                                      @Valid @RequestBody TransferOwnershipRequest request) {
        return service.transferOwnership(Caller.of(jwt), id, request.userId());
    }
}
