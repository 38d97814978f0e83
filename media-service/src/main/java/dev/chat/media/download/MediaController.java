package dev.chat.media.download;

import dev.chat.media.MediaProblems;
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

    MediaController(MediaRepository repository, MediaViews views) {
        this.repository = repository;
        this.views = views;
    }

    /** Owner only for now; sharing through conversations comes with message attachments. */
    @GetMapping("/api/media/{id}")
    MediaView get(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return repository.findOwned(id, UUID.fromString(jwt.getSubject()))
                .map(views::of)
                .orElseThrow(MediaProblems::notFound);
    }
}
