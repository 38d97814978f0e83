package dev.chat.message.attachment;

import dev.chat.events.Attachment;
import dev.chat.web.problem.ApiProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** What a send's attachment ids stand for, checked against the media projection. */
@Service
public class Attachments {

    /** The most attachments one message carries. */
    public static final int MAX_PER_MESSAGE = 10;

    /** The problem type of a send whose media this service has not heard of yet: the client retries it. */
    public static final URI MEDIA_NOT_READY = URI.create("urn:chat:problem:media-not-ready");

    private final AttachmentStore store;

    Attachments(AttachmentStore store) {
        this.store = store;
    }

    /**
     * The attachments for {@code mediaIds}, in their order: each must be the sender's and READY.
     *
     * @throws ApiProblem 400 (too many, repeated), 403 (someone else's media), 409 {@link #MEDIA_NOT_READY} with
     *                    Retry-After when an id is not projected yet: media-service marks an upload READY and
     *                    publishes it, and this service hears of it milliseconds later (or never, for an id that is
     *                    no upload: the client gives up after a few retries)
     */
    public List<Attachment> resolve(UUID senderId, List<UUID> mediaIds) {
        if (mediaIds.isEmpty()) {
            return List.of();
        }
        if (mediaIds.size() > MAX_PER_MESSAGE) {
            throw ApiProblem.badRequest("a message carries at most " + MAX_PER_MESSAGE + " attachments");
        }
        if (new HashSet<>(mediaIds).size() != mediaIds.size()) {
            throw ApiProblem.badRequest("an attachment is listed twice");
        }
        Map<UUID, AttachmentStore.Owned> found = store.media(mediaIds);
        List<Attachment> attachments = new ArrayList<>(mediaIds.size());
        for (UUID id : mediaIds) {
            AttachmentStore.Owned media = found.get(id);
            if (media == null) {
                ApiProblem problem = ApiProblem.of(HttpStatus.CONFLICT, "Media not ready",
                        "media " + id + " is not uploaded yet (complete its upload, then retry)");
                problem.getBody().setType(MEDIA_NOT_READY);
                problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
                throw problem;
            }
            if (!media.ownerId().equals(senderId)) {
                throw ApiProblem.forbidden("media " + id + " was uploaded by someone else");
            }
            attachments.add(media.attachment());
        }
        return attachments;
    }
}
