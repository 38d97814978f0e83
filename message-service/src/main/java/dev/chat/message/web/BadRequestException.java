package dev.chat.message.web;

/** A request that passed bean validation but breaks a rule of the domain: 400. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
