package dev.chat.message.delete;

import dev.chat.message.web.Caller;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DeleteMessageController {

    private final MessageDeleter deleter;

    DeleteMessageController(MessageDeleter deleter) {
        this.deleter = deleter;
    }

    /**
     * 204 once the message is deleted: a tombstone in its position (body "", deletedAt, deletedBy) that took the
     * conversation's next seq and was pushed as {@code message.deleted}; 204 again, with no change, for a message
     * deleted already. 404 when the caller is not a member or the conversation has no such message; 403 when the
     * caller is neither its author nor the owner or an admin (an admin does not delete the owner's or another
     * admin's messages; a direct conversation has no moderators); 409 when the conversation is archived.
     */
    @DeleteMapping("/api/conversations/{conversationId}/messages/{messageId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                                @PathVariable UUID messageId) {
        deleter.delete(conversationId, Caller.of(jwt), messageId);
        return ResponseEntity.noContent().build();
    }
}
