package dev.chat.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code chat.web.*}: the web edge's limits, each with a default that suits a JSON API.
 *
 * @param maxRequestBytes the largest request body accepted (413 beyond)
 */
@ConfigurationProperties("chat.web")
public record WebSupportProperties(@DefaultValue("64KB") DataSize maxRequestBytes,
                                   @DefaultValue Admission admission,
                                   @DefaultValue Jwt jwt) {

    /**
     * @param maxConcurrent requests worked on at once; 0 = {@code perConnection} x the database pool size
     * @param perConnection admitted requests per pooled connection: one running, the rest briefly queued
     * @param retryAfter    what a refused client is told to wait
     */
    public record Admission(@DefaultValue("0") int maxConcurrent, @DefaultValue("4") int perConnection,
                            @DefaultValue("1s") Duration retryAfter) {
    }

    /**
     * @param clockSkew              how long past its expiry a token is still accepted (clocks differ)
     * @param verifiedTokenCacheSize verified tokens remembered until they expire
     */
    public record Jwt(@DefaultValue("5s") Duration clockSkew, @DefaultValue("10000") int verifiedTokenCacheSize) {
    }
}
