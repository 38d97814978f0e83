package dev.chat.notification.config;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RedisConfig {

    /**
     * Commands fail at once while disconnected instead of queueing: a failed batch is redelivered by
     * Kafka, and a queued copy replayed later would push it a second time, late.
     */
    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(@Value("${spring.data.redis.host:127.0.0.1}") String host,
                            @Value("${spring.data.redis.port:6379}") int port,
                            @Value("${spring.data.redis.password:}") String password,
                            NotificationProperties properties) {
        RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port)
                .withTimeout(properties.fanout().redisTimeout());
        if (!password.isEmpty()) {
            uri.withPassword(password.toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.fanout().redisTimeout()))
                .build());
        return client;
    }
}
