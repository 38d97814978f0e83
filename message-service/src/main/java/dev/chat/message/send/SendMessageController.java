package dev.chat.message.send;

import dev.chat.message.Message;
import dev.chat.message.web.Caller;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SendMessageController {

    private final MessageSender sender;

    SendMessageController(MessageSender sender) {
        this.sender = sender;
    }

    /**
     * 201 with the new message; 200 with the stored one when this clientMessageId was sent before (a retry);
     * 409 when it was sent before with another body; 404 when the caller is not a member; 403 when the caller is
     * muted, or a plain member of a read-only channel; 409 when the conversation is archived. A retry of a send
     * that succeeded before a mute or an archive still gets 200 with the stored message.
     */
    @PostMapping("/api/conversations/{conversationId}/messages")
    ResponseEntity<Message> send(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID conversationId,
                                 @Valid @RequestBody SendMessageRequest request) {
        MessageSender.Outcome outcome = sender.send(conversationId, Caller.of(jwt), request);
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome.message());
    }
}
