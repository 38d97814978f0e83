package dev.chat.media.upload;

import dev.chat.media.MediaProblems;
import dev.chat.media.config.MediaProperties;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Which content types are accepted, and how large each may be. */
@Component
class UploadPolicy {

    private final MediaProperties properties;

    UploadPolicy(MediaProperties properties) {
        this.properties = properties;
    }

    /** {@code "Image/PNG; charset=x"} becomes {@code "image/png"}: parameters are not kept. */
    static String normalize(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** @throws dev.chat.web.problem.ApiProblem 415 for a type not accepted, 413 over the type's limit */
    void check(String contentType, long sizeBytes) {
        if (!properties.allowedTypes().contains(contentType)) {
            throw MediaProblems.unsupportedType(contentType);
        }
        long max = (contentType.startsWith("image/") ? properties.maxImageSize() : properties.maxOtherSize())
                .toBytes();
        if (sizeBytes > max) {
            throw MediaProblems.tooLarge(max);
        }
    }
}
