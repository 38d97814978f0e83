package dev.chat.web.guard;

import dev.chat.web.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** Query parameters and the decoded path with a control character are refused with 400 naming them. */
public class ParameterGuardFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (ControlCharacters.containsAny(path)) {
            ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST, "The path contains a control character.");
            return;
        }
        String query = request.getQueryString();
        if (query != null) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                if (ControlCharacters.containsAny(parameter.getKey()) || anyHasControl(parameter.getValue())) {
                    String name = ControlCharacters.containsAny(parameter.getKey()) ? "a parameter name"
                            : parameter.getKey();
                    ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST,
                            name + " must not contain control characters.",
                            List.of(Map.of("field", name, "message", "must not contain control characters")));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean anyHasControl(String[] values) {
        for (String v : values) {
            if (v != null && ControlCharacters.containsAny(v)) {
                return true;
            }
        }
        return false;
    }
}
