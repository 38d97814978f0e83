package dev.chat.conversation.web;

/** The caller is authenticated but may not do this: 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
