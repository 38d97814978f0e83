package dev.chat.presence.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Errors as RFC 9457 problem+json: framework errors of the dispatcher (bad or missing parameters, 404, 405,
 * 406, 415, validation) through {@link ResponseEntityExceptionHandler}; Spring Security's 401/403 in
 * {@link SecurityConfig}; everything else (errors outside the dispatcher, e.g. a handshake that is not one,
 * or a bug) through {@link Fallback}, which replaces Boot's JSON error page.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    @Component
    @Order(-2) // before Spring's WebFluxResponseStatusExceptionHandler (0), which writes no body
    static class Fallback implements ErrorWebExceptionHandler {

        private static final Logger log = LoggerFactory.getLogger(Fallback.class);

        @Override
        public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(ex);
            }
            if (ex instanceof ErrorResponse error) {
                HttpStatusCode status = error.getStatusCode();
                String detail = error.getBody().getDetail();
                return Problems.write(exchange, status, title(status), detail != null ? detail : title(status),
                        headers -> headers.addAll(error.getHeaders()));
            }
            log.error("unhandled error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), ex);
            return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                    "Something went wrong on our side.", headers -> { });
        }

        private static String title(HttpStatusCode status) {
            HttpStatus known = HttpStatus.resolve(status.value());
            return known != null ? known.getReasonPhrase() : "Error";
        }
    }
}
