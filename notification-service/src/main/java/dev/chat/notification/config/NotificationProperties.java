package dev.chat.notification.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings under {@code chat.notification.*}; defaults and env overrides in application.yml. */
@ConfigurationProperties("chat.notification")
public record NotificationProperties(@DefaultValue Fanout fanout, @DefaultValue Membership membership,
                                     @DefaultValue Index index, @DefaultValue Receipts receipts) {

    public record Fanout(@DefaultValue("3") int concurrency,
                         @DefaultValue("5s") Duration redisTimeout,
                         @DefaultValue("1s") Duration liveNodesTtl) {
    }

    public record Membership(@DefaultValue("100000") long cacheSize) {
    }

    /** The rebuild of the per-user conversation index after Redis lost it (the check interval is read by @Scheduled). */
    public record Index(@DefaultValue("5s") Duration checkInterval,
                        @DefaultValue("60s") Duration lockTtl,
                        @DefaultValue("1000") int chunkUsers) {
    }

    /** How often gathered receipt moves are pushed (read by @Scheduled in ReceiptPushes). */
    public record Receipts(@DefaultValue("500ms") Duration flushInterval) {
    }
}
