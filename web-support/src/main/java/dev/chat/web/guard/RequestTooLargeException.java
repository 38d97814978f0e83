package dev.chat.web.guard;

import java.io.IOException;

/** A body (sent without a Content-Length) went past the limit while it was read. */
public class RequestTooLargeException extends IOException {

    public RequestTooLargeException(long maxBytes) {
        super("The request body exceeds " + maxBytes + " bytes.");
    }
}
