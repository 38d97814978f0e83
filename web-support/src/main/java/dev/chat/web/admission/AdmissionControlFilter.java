package dev.chat.web.admission;

import dev.chat.web.problem.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the requests a service works on at once and answers the rest at once with 503 problem+json and
 * {@code Retry-After}. With virtual threads Tomcat admits every request; without this bound each one
 * would wait on the heap for one of a few pooled connections until the service died of memory. The
 * limit is a few requests per pooled connection (see {@code WebSupportAutoConfiguration}), so those
 * admitted wait at most a few service times, and throughput is back to full as soon as load drops.
 * Probes and metrics are never refused.
 */
public class AdmissionControlFilter extends OncePerRequestFilter {

    private final int limit;
    private final Semaphore permits;
    private final String retryAfterSeconds;
    private Counter rejected;

    public AdmissionControlFilter(int limit, long retryAfterSeconds) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.retryAfterSeconds = Long.toString(retryAfterSeconds);
    }

    public AdmissionControlFilter withMetrics(MeterRegistry meters) {
        Gauge.builder("chat.web.admission.in.flight", permits, p -> limit - p.availablePermits())
                .description("Requests being worked on").register(meters);
        Gauge.builder("chat.web.admission.limit", () -> limit)
                .description("Requests admitted at once").register(meters);
        rejected = Counter.builder("chat.web.admission.rejected")
                .description("Requests refused with 503 because the service was at its limit").register(meters);
        return this;
    }

    public int limit() {
        return limit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            if (rejected != null) {
                rejected.increment();
            }
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            ProblemWriter.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The service is at capacity; retry shortly.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
