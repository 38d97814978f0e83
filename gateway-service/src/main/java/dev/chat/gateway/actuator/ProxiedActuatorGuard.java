package dev.chat.gateway.actuator;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's actuator shares its port with the public API, so the Ingress reaches it too. A request that came
 * through a proxy (it carries forwarding headers: the ingress controller adds them, and a client cannot take them
 * away) sees only health; metrics and the rest answer 404 there. Prometheus and the kubelet call the pod directly.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProxiedActuatorGuard implements WebFilter {

    private static final List<String> FORWARDING = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/actuator") && !isHealth(path) && proxied(exchange.getRequest().getHeaders())) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return chain.filter(exchange);
    }

    private static boolean isHealth(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    private static boolean proxied(HttpHeaders headers) {
        return FORWARDING.stream().anyMatch(headers::containsHeader);
    }
}
