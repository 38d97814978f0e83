package dev.chat.gateway.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors the gateway itself produces, as RFC 9457 problem+json without stack traces: no route (404),
 * upstream unreachable or no instance (503), upstream broke the exchange (502), upstream too slow (504).
 * Runs before Boot's default handler (order -1).
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final JsonMapper json;

    ProblemErrorHandler(JsonMapper json) {
        this.json = json;
    }

    record Problem(HttpStatusCode status, String title, String detail) {
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex); // too late for a body: let the connection close
        }
        Problem problem = classify(exchange, ex);
        if (problem.status().is5xxServerError()) {
            if (problem.status().value() == 500) {
                log.error("Unexpected gateway error on {} {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), ex);
            } else {
                log.warn("{} {} -> {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        problem.status().value(), ex.toString());
            }
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", exchange.getRequest().getPath().value());
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(problem.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    private static Problem classify(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().is4xxClientError()) {
            HttpStatusCode status = rse.getStatusCode();
            String title = status instanceof HttpStatus known ? known.getReasonPhrase() : "Client Error";
            String detail = status.value() == 404
                    ? "No route for " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value() + "."
                    : rse.getReason() == null ? title : rse.getReason();
            return new Problem(status, title, detail);
        }
        if (hasCause(ex, TimeoutException.class)
                || ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504) {
            return new Problem(HttpStatus.GATEWAY_TIMEOUT, "Gateway Timeout", "The upstream service did not answer in time.");
        }
        if (hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The upstream service is not reachable; try again shortly.");
        }
        if (hasCause(ex, PrematureCloseException.class) || hasCause(ex, IOException.class)) {
            return new Problem(HttpStatus.BAD_GATEWAY, "Bad Gateway", "The upstream service broke off the exchange.");
        }
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 503) {
            // e.g. the load balancer found no instance
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "No instance of the upstream service is available.");
        }
        if (ex instanceof ResponseStatusException rse && rse.getStatusCode().value() == 502) {
            return new Problem(HttpStatus.BAD_GATEWAY, "Bad Gateway", "The upstream service answered invalidly.");
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "The gateway could not complete the request.");
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
