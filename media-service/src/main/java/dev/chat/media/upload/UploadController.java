package dev.chat.media.upload;

import dev.chat.media.download.MediaView;
import dev.chat.media.download.MediaViews;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UploadController {

    private final Uploads uploads;
    private final MediaViews views;

    UploadController(Uploads uploads, MediaViews views) {
        this.uploads = uploads;
        this.views = views;
    }

    @PostMapping("/api/media/uploads")
    ResponseEntity<UploadTicket> create(@Valid @RequestBody CreateUploadRequest request, @AuthenticationPrincipal Jwt jwt) {
        UploadTicket ticket = uploads.create(UUID.fromString(jwt.getSubject()), request);
        return ResponseEntity.created(URI.create("/api/media/" + ticket.mediaId())).body(ticket);
    }

    @PostMapping("/api/media/{id}/complete")
    MediaView complete(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return views.of(uploads.complete(UUID.fromString(jwt.getSubject()), id));
    }
}
