package dev.chat.gateway.resilience;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springframework.cloud.gateway.support.NotFoundException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * What counts as a failure for the routes' circuit breakers ({@code record-failure-predicate} in
 * application.yml): only the gateway's own failures to get an answer, the locally originated errors in
 * Envoy's terms. The service refused or could not be reached, did not answer in time, dropped the
 * connection, or (lb:// routes) has no live instance.
 *
 * <p>Whatever the service answers passes through unchanged and counts as a success, 5xx included. In
 * particular a 503 with Retry-After from a service's admission control is not a failure: the service is
 * alive and already shedding its excess, and these routes have one instance each, so an open breaker
 * would turn a partial shed into refusing everything for the whole open period. Envoy ejects a host on
 * 5xx only by outlier detection over a pool, capped so that a shedding fleet is never ejected whole; Spring
 * Cloud Gateway's breaker counts only exceptions unless status codes are configured (and with them
 * replaces the service's answer). Anything else (a client that went away, a bad request) is not the
 * service's fault either.
 */
public final class UpstreamFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException // refused, and Netty's connect timeout
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof TimeoutException // the route's response-timeout
                    || t instanceof PrematureCloseException
                    || t instanceof NotFoundException) { // lb:// with no live instance
                return true;
            }
        }
        return false;
    }
}
