package dev.chat.web.problem;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal the client sees as problem+json with this status and detail. Spring MVC renders an
 * {@link ErrorResponseException} itself, so a service throws these and writes no handler of its own.
 */
public class ApiProblem extends ErrorResponseException {

    private ApiProblem(HttpStatus status, String title, String detail, Throwable cause) {
        super(status, body(status, title, detail), cause);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, null, detail, null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, null, detail, null);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, null, detail, null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, null, detail, null);
    }

    /** Any status, with a title of its own (e.g. "File too large" for a 413). */
    public static ApiProblem of(HttpStatus status, String title, String detail) {
        return new ApiProblem(status, title, detail, null);
    }

    /** A dependency is away: 503 with Retry-After, the cause logged by the handler, never shown. */
    public static ApiProblem unavailable(String detail, Throwable cause) {
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, null, detail, cause);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return problem;
    }

    private static ProblemDetail body(HttpStatus status, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("about:blank"));
        if (title != null) {
            body.setTitle(title);
        }
        return body;
    }
}
