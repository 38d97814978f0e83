package dev.chat.media.download;

import dev.chat.media.config.MediaProperties;
import dev.chat.media.metadata.Media;
import dev.chat.media.s3.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Component;

/** Turns a media row into its JSON view, presigning the download for READY media. */
@Component
public class MediaViews {

    private final ObjectStore store;
    private final Duration downloadTtl;

    MediaViews(ObjectStore store, MediaProperties properties) {
        this.store = store;
        this.downloadTtl = properties.downloadUrlTtl();
    }

    public MediaView of(Media media) {
        if (media.status() != Media.Status.READY) {
            return new MediaView(media.id(), media.status(), media.contentType(), media.sizeBytes(),
                    media.filename(), media.createdAt(), null, null);
        }
        var url = store.presignGet(media.objectKey(), media.contentType(), disposition(media), downloadTtl);
        return new MediaView(media.id(), media.status(), media.contentType(), media.sizeBytes(), media.filename(),
                media.createdAt(), url.url(), url.expiresAt());
    }

    /** Images display inline; anything else downloads, so a browser never renders it as a page. */
    private static String disposition(Media media) {
        var builder = media.contentType().startsWith("image/") ? ContentDisposition.inline()
                : ContentDisposition.attachment();
        return builder.filename(media.filename(), StandardCharsets.UTF_8).build().toString();
    }
}
