package dev.chat.message.web;

/** The caller is authenticated but may not do this: 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
