package dev.chat.media.download;

import dev.chat.media.MediaProblems;
import dev.chat.media.metadata.Media;
import dev.chat.media.metadata.MediaRepository;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MediaController {

    private final MediaRepository repository;
    private final MediaViews views;
    private final MessageServiceClient messages;

    MediaController(MediaRepository repository, MediaViews views, MessageServiceClient messages) {
        this.repository = repository;
        this.views = views;
        this.messages = messages;
    }

    /**
     * The media item with a short-lived download URL, for its uploader and for every member of a conversation where
     * a message (not deleted) carries it; 404 for anyone else, as for an id that does not exist. Someone else's
     * PENDING upload is never shown. 503 when message-service cannot say.
     */
    @GetMapping("/api/media/{id}")
    MediaView get(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        UUID caller = UUID.fromString(jwt.getSubject());
        Media media = repository.find(id).orElseThrow(MediaProblems::notFound);
        boolean mayRead = media.ownerId().equals(caller)
                || media.status() == Media.Status.READY && messages.sharedWithCaller(id, jwt.getTokenValue());
        if (!mayRead) {
            throw MediaProblems.notFound();
        }
        return views.of(media);
    }
}
