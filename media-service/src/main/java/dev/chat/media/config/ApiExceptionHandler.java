package dev.chat.media.config;

import dev.chat.web.problem.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import software.amazon.awssdk.core.exception.SdkException;

/** The object store being away is a 503 like any other dependency (web-support answers every other error). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    @ExceptionHandler(SdkException.class)
    ApiProblem storage(SdkException e) {
        return ApiProblem.unavailable("The object store is not available; try again later.", e);
    }
}
