package dev.chat.conversation.channels;

import dev.chat.conversation.conversations.ConversationView;
import dev.chat.conversation.web.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Channels: creating one, the directory of public ones, and joining a public one. */
@RestController
class ChannelController {

    private final ChannelService service;

    ChannelController(ChannelService service) {
        this.service = service;
    }

    @PostMapping("/api/conversations/channels")
    @Operation(summary = "Create a channel", description = """
            The creator becomes its OWNER. slug defaults to one derived from the name (base, base-2, base-3 ... when \
            taken); a slug given and taken is a 409. visibility defaults to PUBLIC, readOnly to false. The answer's \
            members list holds only the caller's own entry (as for every channel).""")
    ResponseEntity<ConversationView> create(@AuthenticationPrincipal Jwt jwt,
                                            @Valid @RequestBody CreateChannelRequest request) {
        ConversationView view = service.create(Caller.of(jwt), request);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/conversations/" + view.id()))
                .body(view);
    }

    @GetMapping("/api/channels")
    @Operation(summary = "The public channel directory", description = """
            Public, unarchived channels whose name or slug contains query (case-insensitive; empty: all), most \
            members first. Page with cursor=nextCursor, keeping the same query.""")
    ChannelPage search(@AuthenticationPrincipal Jwt jwt,
                       @RequestParam(required = false) @Size(max = 100) String query,
                       @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
                       @RequestParam(required = false) String cursor) {
        return service.search(Caller.of(jwt), query == null || query.isBlank() ? null : query.strip(),
                cursor == null || cursor.isBlank() ? null : ChannelCursor.parse(cursor), limit);
    }

    /** A public channel, or a private one the caller is a member of; 404 otherwise. */
    @GetMapping("/api/channels/{slug}")
    ChannelItem bySlug(@AuthenticationPrincipal Jwt jwt, @PathVariable String slug) {
        return service.bySlug(Caller.of(jwt), slug);
    }

    @PostMapping("/api/conversations/{id}/join")
    @Operation(summary = "Join a public channel", description = """
            200 with the channel when joined or already a member. 404 for anything that is not a public channel \
            (groups, direct conversations, private channels, unknown ids), 403 while banned, 409 when the channel \
            is archived or full.""")
    ConversationView join(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return service.join(Caller.of(jwt), id);
    }
}
