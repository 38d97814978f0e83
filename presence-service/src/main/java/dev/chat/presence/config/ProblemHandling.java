package dev.chat.presence.config;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors as RFC 9457 problem+json: framework errors (bad or missing parameters, validation) through
 * {@link ResponseEntityExceptionHandler}; Spring Security's 401/403 in {@link SecurityConfig}.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {
}
