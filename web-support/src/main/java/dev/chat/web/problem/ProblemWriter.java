package dev.chat.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json answer straight to the servlet response, for the places that answer before or
 * outside Spring MVC: filters (size, admission, guards), Spring Security's handlers and the error page.
 */
public final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
                             String detail) throws IOException {
        write(request, response, status, detail, null);
    }

    /** @param errors field errors ({@code field}, {@code message}), or null */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
                             String detail, List<Map<String, String>> errors) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", titleOf(status));
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        if (errors != null) {
            body.put("errors", errors);
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
        response.flushBuffer();
    }

    static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
