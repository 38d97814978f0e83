package dev.chat.media;

import org.springframework.http.HttpStatus;

/** A refusal the client should see as a problem+json answer with this status, title and detail. */
public class MediaException extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    private MediaException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    /** Also for media of another user: whether it exists is not the caller's business. */
    public static MediaException notFound() {
        return new MediaException(HttpStatus.NOT_FOUND, "Media not found", "No such media.");
    }

    public static MediaException nothingUploaded() {
        return new MediaException(HttpStatus.NOT_FOUND, "Nothing uploaded",
                "No object was uploaded for this media yet: PUT the bytes to the uploadUrl first.");
    }

    public static MediaException sizeMismatch(long declared, long actual) {
        return new MediaException(HttpStatus.CONFLICT, "Size mismatch",
                "The uploaded object has " + actual + " bytes, but " + declared + " were declared.");
    }

    public static MediaException tooLarge(long maxBytes) {
        return new MediaException(HttpStatus.CONTENT_TOO_LARGE, "File too large",
                "Files of this type may have at most " + maxBytes + " bytes.");
    }

    public static MediaException unsupportedType(String contentType) {
        return new MediaException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type",
                "Content type " + contentType + " is not accepted.");
    }

    public static MediaException contentMismatch(String declared) {
        return new MediaException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content does not match its type",
                "The uploaded bytes are not " + declared + "; the upload was discarded.");
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
