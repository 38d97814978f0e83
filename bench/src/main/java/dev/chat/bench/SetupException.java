package dev.chat.bench;

/** Setup could not complete (stack unreachable, a request refused): the message says what and what to do. */
final class SetupException extends RuntimeException {

    SetupException(String message) {
        super(message);
    }

    SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
