package dev.chat.web.problem;

import dev.chat.web.guard.RequestTooLargeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error a controller can raise, as RFC 9457 problem+json: Spring MVC's own exceptions (through the
 * base class), {@link ApiProblem}s, validation failures with the fields that failed, unreadable or too
 * large bodies, a database that is away (503), and anything unexpected as a bare 500 (logged, never
 * echoed). Lowest precedence, so a service's own advice for a domain exception still wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /**
     * Numbers in query parameters and paths must be numbers: a blank {@code afterSeq=%20} is a 400, not a
     * silently absent parameter (Spring's default conversion turns a blank into null).
     */
    @InitBinder
    void strictNumbers(WebDataBinder binder) {
        for (Class<? extends Number> type : List.of(Long.class, Integer.class, Short.class)) {
            binder.registerCustomEditor(type, new CustomNumberEditor(type, false));
        }
        binder.registerCustomEditor(long.class, new CustomNumberEditor(Long.class, false));
        binder.registerCustomEditor(int.class, new CustomNumberEditor(Integer.class, false));
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseAway(RuntimeException e) {
        log.warn("database unavailable: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable; retry shortly."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof AuthenticationException || e instanceof AccessDeniedException) {
            throw e; // Spring Security's handlers answer these (401/403)
        }
        log.error("unhandled error", e);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred."));
    }

    @Override
    protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError() && ex.getCause() != null) {
            log.warn("{}: {}", ex.getBody().getDetail(), String.valueOf(ex.getCause()));
        }
        return super.handleErrorResponseException(ex, headers, status, request);
    }

    /** Adds which fields failed, so a client can point at them. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(e -> error(e instanceof FieldError f ? f.getField() : e.getObjectName(),
                        String.valueOf(e.getDefaultMessage())))
                .toList();
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        body.setProperty("errors", errors);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(e -> error(
                        String.valueOf(r.getMethodParameter().getParameterName()),
                        String.valueOf(e.getDefaultMessage()))))
                .toList();
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "The request has invalid parameters.");
        body.setProperty("errors", errors);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Names the parameter: "afterSeq must be a number", not "Failed to convert value of type...". */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        String message = Number.class.isAssignableFrom(boxed(ex.getRequiredType())) ? "must be a number"
                : "must be a valid " + expected;
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, name + " " + message + ".");
        body.setProperty("errors", List.of(error(String.valueOf(name), message)));
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A body that is not JSON, has a wrong type or a control character (named by its path), or that went
     * past the size limit while being read (413).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causeOf(ex, RequestTooLargeException.class) instanceof RequestTooLargeException tooLarge) {
            ProblemDetail body = problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            return handleExceptionInternal(ex, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail body;
        if (causeOf(ex, JacksonException.class) instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = fieldOf(json);
            String message = json.getOriginalMessage() != null && json.getOriginalMessage().contains("control character")
                    ? "must not contain control characters" : "has an invalid value";
            body = problem(HttpStatus.BAD_REQUEST, field + " " + message + ".");
            body.setProperty("errors", List.of(error(field, message)));
        } else {
            body = problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this endpoint.");
        }
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String fieldOf(JacksonException e) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = e; t != null && !seen.contains(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
            seen.add(t);
        }
        return null;
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == null) {
            return Object.class;
        }
        return type == long.class ? Long.class : type == int.class ? Integer.class : type == short.class ? Short.class : type;
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
