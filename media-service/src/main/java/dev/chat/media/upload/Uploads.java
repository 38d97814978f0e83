package dev.chat.media.upload;

import dev.chat.events.MediaUploaded;
import dev.chat.events.outbox.OutboxWriter;
import dev.chat.media.MediaProblems;
import dev.chat.media.config.MediaProperties;
import dev.chat.media.metadata.Media;
import dev.chat.media.metadata.MediaRepository;
import dev.chat.media.s3.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The upload flow: the client gets a presigned PUT URL for a staging key, uploads directly to the store,
 * then asks to complete. Completion moves the object to its final key (out of reach of the PUT URL),
 * checks its size and first bytes, and marks the media READY with its {@link MediaUploaded} event in one
 * transaction.
 */
@Service
class Uploads {

    private final MediaRepository repository;
    private final ObjectStore store;
    private final UploadPolicy policy;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final Duration uploadTtl;

    Uploads(MediaRepository repository, ObjectStore store, UploadPolicy policy, OutboxWriter outbox,
            TransactionTemplate tx, MediaProperties properties) {
        this.repository = repository;
        this.store = store;
        this.policy = policy;
        this.outbox = outbox;
        this.tx = tx;
        this.uploadTtl = properties.uploadUrlTtl();
    }

    UploadTicket create(UUID ownerId, CreateUploadRequest request) {
        String contentType = UploadPolicy.normalize(request.contentType());
        policy.check(contentType, request.sizeBytes());
        UUID id = UUID.randomUUID();
        Media media = new Media(id, ownerId, Media.Status.PENDING, contentType, request.sizeBytes(),
                Media.objectKeyFor(ownerId, id), request.filename().strip(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        repository.insert(media);
        var url = store.presignPut(media.stagingKey(), contentType, uploadTtl);
        return new UploadTicket(id, url.url(), "PUT", Map.of("Content-Type", contentType), url.expiresAt());
    }

    /** Idempotent: completing READY media again just returns it. */
    Media complete(UUID ownerId, UUID mediaId) {
        Media media = repository.findOwned(mediaId, ownerId).orElseThrow(MediaProblems::notFound);
        if (media.status() == Media.Status.READY) {
            return media;
        }
        // Nothing to move is fine when a completion that crashed before its commit already moved it.
        store.move(media.stagingKey(), media.objectKey());
        long actual = store.size(media.objectKey()).orElseThrow(MediaProblems::nothingUploaded);
        if (actual != media.sizeBytes()) {
            store.delete(media.objectKey());
            throw MediaProblems.sizeMismatch(media.sizeBytes(), actual);
        }
        if (!ContentSniffer.matches(media.contentType(), store.head(media.objectKey(), ContentSniffer.PREFIX_LENGTH))) {
            store.delete(media.objectKey());
            throw MediaProblems.contentMismatch(media.contentType());
        }
        tx.executeWithoutResult(status -> {
            if (repository.markReady(media.id())) {
                outbox.append(new MediaUploaded(media.id(), ownerId, media.contentType(), media.sizeBytes(),
                        media.objectKey(), Instant.now(), media.filename()));
            }
        });
        return repository.findOwned(mediaId, ownerId).orElseThrow(MediaProblems::notFound);
    }
}
