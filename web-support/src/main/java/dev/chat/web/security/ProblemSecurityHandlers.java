package dev.chat.web.security;

import dev.chat.web.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's refusals as problem+json: 401 and 403 (the bearer-token handlers still set the
 * RFC 6750 {@code WWW-Authenticate} header; this adds the body), and 400 for a request its firewall
 * rejects (a path with {@code ..}, {@code //}, an encoded slash...), which otherwise got the default
 * error JSON.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
        RequestRejectedHandler {

    private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        try {
            bearerEntryPoint.commence(request, response, e);
        } catch (jakarta.servlet.ServletException ignored) {
            // the bearer entry point only sets headers
        }
        ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, e instanceof OAuth2AuthenticationException
                ? "The bearer token is invalid or has expired."
                : "A valid bearer token is required.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        try {
            bearerDenied.handle(request, response, e);
        } catch (jakarta.servlet.ServletException ignored) {
            // only sets headers
        }
        ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "The token does not allow this request.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST, "The request path is not acceptable.");
    }
}
