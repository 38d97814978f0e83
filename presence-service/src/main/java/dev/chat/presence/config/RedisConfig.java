package dev.chat.presence.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

@Configuration
class RedisConfig {

    /** Its own pub/sub connection; commands keep using the shared one. */
    @Bean(destroyMethod = "destroy")
    ReactiveRedisMessageListenerContainer redisListenerContainer(ReactiveRedisConnectionFactory factory) {
        return new ReactiveRedisMessageListenerContainer(factory);
    }
}
