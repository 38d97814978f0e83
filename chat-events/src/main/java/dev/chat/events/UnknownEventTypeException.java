package dev.chat.events;

/** An event of a type this contract does not know: a newer producer; consumers skip it. */
public class UnknownEventTypeException extends RuntimeException {
    public UnknownEventTypeException(String type) {
        super("unknown event type: " + type);
    }
}
