package dev.chat.media;

import dev.chat.web.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The media refusals a client sees, each as problem+json with its own status, title and detail. */
public final class MediaProblems {

    private MediaProblems() {
    }

    /** Also for media of another user: whether it exists is not the caller's business. */
    public static ApiProblem notFound() {
        return ApiProblem.of(HttpStatus.NOT_FOUND, "Media not found", "No such media.");
    }

    public static ApiProblem nothingUploaded() {
        return ApiProblem.of(HttpStatus.NOT_FOUND, "Nothing uploaded",
                "No object was uploaded for this media yet: PUT the bytes to the uploadUrl first.");
    }

    public static ApiProblem sizeMismatch(long declared, long actual) {
        return ApiProblem.of(HttpStatus.CONFLICT, "Size mismatch",
                "The uploaded object has " + actual + " bytes, but " + declared + " were declared.");
    }

    public static ApiProblem tooLarge(long maxBytes) {
        return ApiProblem.of(HttpStatus.CONTENT_TOO_LARGE, "File too large",
                "Files of this type may have at most " + maxBytes + " bytes.");
    }

    public static ApiProblem unsupportedType(String contentType) {
        return ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type",
                "Content type " + contentType + " is not accepted.");
    }

    public static ApiProblem contentMismatch(String declared) {
        return ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content does not match its type",
                "The uploaded bytes are not " + declared + "; the upload was discarded.");
    }
}
