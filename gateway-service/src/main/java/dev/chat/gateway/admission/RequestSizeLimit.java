package dev.chat.gateway.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared body ({@code Content-Length}) is larger than any service takes
 * ({@code chat.gateway.max-request-bytes}, the services' own web-support limit) with 413 problem+json, before it is
 * proxied. Streaming such a body to a service that answers 413 after its headers and closes the connection raced
 * with the gateway still writing: the client got 502 instead of 413 now and then, and the bytes crossed one more hop
 * for nothing. A body without a declared length (chunked) is still bounded by the service. Media bytes never pass
 * here: they go to the object store with presigned URLs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 9)
class RequestSizeLimit implements WebFilter {

    private final long maxBytes;
    private final Counter refused;

    RequestSizeLimit(@Value("${chat.gateway.max-request-bytes}") DataSize maxRequestBytes, MeterRegistry meters) {
        this.maxBytes = maxRequestBytes.toBytes();
        this.refused = Counter.builder("chat.gateway.requests.too.large")
                .description("Requests refused at the gateway for a declared body over the limit").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes) {
            refused.increment();
            return Mono.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is larger than " + maxBytes + " bytes."));
        }
        return chain.filter(exchange);
    }
}
