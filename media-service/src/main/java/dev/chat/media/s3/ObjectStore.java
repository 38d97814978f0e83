package dev.chat.media.s3;

import dev.chat.media.config.MediaProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media bucket: presigned URLs for clients, and the few server-side operations completion needs.
 * Creates the bucket at startup (before the service reports ready) when it is missing.
 */
@Component
public class ObjectStore implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    ObjectStore(S3Client s3, S3Presigner presigner, MediaProperties properties) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = properties.s3().bucket();
    }

    public record PresignedUrl(URI url, Instant expiresAt) {
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
            log.info("created bucket {}", bucket);
        }
    }

    /** A URL the client PUTs the bytes to, with exactly this Content-Type header (it is signed). */
    public PresignedUrl presignPut(String key, String contentType, Duration ttl) {
        Instant expiresAt = Instant.now().plus(ttl);
        var request = presigner.presignPutObject(p -> p.signatureDuration(ttl)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType)));
        return new PresignedUrl(toUri(request.url()), expiresAt);
    }

    public PresignedUrl presignGet(String key, String contentType, String contentDisposition, Duration ttl) {
        Instant expiresAt = Instant.now().plus(ttl);
        var request = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(o -> o.bucket(bucket).key(key)
                        .responseContentType(contentType)
                        .responseContentDisposition(contentDisposition)));
        return new PresignedUrl(toUri(request.url()), expiresAt);
    }

    /** The object's size, or empty when there is no such object. */
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.headObject(o -> o.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Up to {@code n} first bytes of the object, for content sniffing; the rest is not downloaded. */
    public byte[] head(String key, int n) {
        try (ResponseInputStream<GetObjectResponse> in =
                     s3.getObject(o -> o.bucket(bucket).key(key).range("bytes=0-" + (n - 1)))) {
            byte[] bytes = in.readNBytes(n);
            in.abort(); // in case the store ignored the range: do not drain the whole object
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves an object server-side; returns false when the source does not exist. Completion moves the
     * upload out of reach of its presigned PUT URL, so the checked bytes cannot be replaced afterwards.
     */
    public boolean move(String fromKey, String toKey) {
        try {
            s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(fromKey)
                    .destinationBucket(bucket).destinationKey(toKey));
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
        delete(fromKey);
        return true;
    }

    public void delete(String key) {
        s3.deleteObject(o -> o.bucket(bucket).key(key));
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
