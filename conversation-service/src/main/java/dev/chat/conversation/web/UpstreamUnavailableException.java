package dev.chat.conversation.web;

/** A service this request depends on did not answer usefully (down, slow, circuit open): 503. */
public class UpstreamUnavailableException extends RuntimeException {
    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
