package dev.chat.message.web;

/** The request contradicts what is stored (e.g. a clientMessageId reused for another body): 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
