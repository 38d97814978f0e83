package dev.chat.conversation.conversations;

import dev.chat.conversation.web.Caller;
import dev.chat.events.ConversationCreated;
import dev.chat.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    private static final List<String> TYPES =
            List.of(ConversationCreated.DIRECT, ConversationCreated.GROUP, ConversationCreated.CHANNEL);

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

    /**
     * The caller's conversations, newest first, optionally only those of one {@code type} and those whose title
     * contains {@code query}. Keep the filters the same while paging with {@code before}.
     */
    @GetMapping
    @Operation(summary = "The caller's conversations, newest first", description = """
            Optional filters: type (DIRECT, GROUP or CHANNEL) and query (a case-insensitive substring of the title; \
            for a direct conversation, of the other member's username or display name). Page with before=nextCursor, \
            keeping the same filters. A CHANNEL's members list holds only the caller's own entry: page its members \
            with GET /api/conversations/{id}/members (memberCount counts them all).""")
    ConversationPage list(@AuthenticationPrincipal Jwt jwt,
                          @RequestParam(required = false) String before,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                          @RequestParam(required = false) @Size(max = 100) String query,
                          @RequestParam(required = false) String type) {
        return service.list(Caller.of(jwt), type(type), query == null || query.isBlank() ? null : query.strip(),
                before == null || before.isBlank() ? null : PageCursor.parse(before), limit);
    }

    /** 404 for a conversation the caller is not a member of, whether or not it exists. */
    @GetMapping("/{id}")
    @Operation(summary = "A conversation the caller is a member of", description = """
            members lists every member of a DIRECT or GROUP conversation, but only the caller's own entry for a \
            CHANNEL: page a channel's members with GET /api/conversations/{id}/members.""")
    ConversationView get(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return service.get(Caller.of(jwt), id);
    }

    /**
     * Edits the details of a group or channel (EDIT_DETAILS: owner and admins). A field left out stays as it is; null
     * clears description, topic and avatarMediaId. readOnly, visibility and slug are a channel's only.
     */
    @PatchMapping("/{id}")
    @Operation(summary = "Edit the details of a group or channel", description = """
            Any of title (1..100 characters), description (up to 1000, null clears), topic (up to 250, null clears), \
            avatarMediaId (a UUID, null clears), archived (boolean), and for a channel only readOnly (boolean), \
            visibility (PUBLIC or PRIVATE) and slug. A field left out stays as it is; an unknown field is a 400. \
            Publishes one ConversationUpdated snapshot, or nothing when nothing changed. 403 for a member, 404 for a \
            non-member, 409 for a direct conversation or a slug another channel has.""")
    ConversationView updateDetails(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
                                   @RequestBody JsonNode body) {
        return service.updateDetails(Caller.of(jwt), id, DetailsPatch.parse(body));
    }

    private static String type(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        if (!TYPES.contains(type)) {
            throw ApiProblem.badRequest("type must be DIRECT, GROUP or CHANNEL");
        }
        return type;
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
