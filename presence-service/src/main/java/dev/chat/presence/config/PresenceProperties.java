package dev.chat.presence.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings under {@code chat.presence.*}; defaults and env overrides in application.yml. */
@ConfigurationProperties("chat.presence")
public record PresenceProperties(String nodeId,
                                 @DefaultValue("15s") Duration heartbeatTtl,
                                 @DefaultValue("5s") Duration heartbeatInterval,
                                 @DefaultValue("10s") Duration sweepInterval,
                                 @DefaultValue("5s") Duration jwtClockSkew,
                                 @DefaultValue Socket socket) {

    public record Socket(@DefaultValue("10s") Duration authTimeout,
                         @DefaultValue("90s") Duration readIdleTimeout,
                         @DefaultValue("65536") int maxFrameBytes,
                         @DefaultValue("1024") int maxPendingFrames,
                         @DefaultValue("500") int maxResumeConversations,
                         @DefaultValue("50000") int maxSockets,
                         @DefaultValue("2000") int maxHandshakes,
                         @DefaultValue("5s") Duration retryAfter,
                         @DefaultValue("30s") Duration positionsInterval,
                         @DefaultValue("64") int coalesceMaxFrames,
                         @DefaultValue("65536") int coalesceMaxBytes) {
    }
}
