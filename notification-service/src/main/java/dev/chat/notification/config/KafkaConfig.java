package dev.chat.notification.config;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Two listener factories: records for the membership projection (the default), batches for the fan-out.
 * Both retry a failed record forever with a capped backoff, seeking back so the partition keeps its
 * order: a projection or a fan-out must not skip an event (poison records are skipped by the listeners
 * themselves, before they can block a partition).
 */
@Configuration
class KafkaConfig {

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setCommonErrorHandler(retryInOrderForever(100, 5_000));
        return factory;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> fanoutListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            NotificationProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.fanout().concurrency());
        // The fan-out's usual failure is a conversation whose membership is milliseconds behind on the other
        // topic, and every message behind it in the partition waits too: start retrying almost at once.
        factory.setCommonErrorHandler(retryInOrderForever(10, 1_000));
        return factory;
    }

    private static DefaultErrorHandler retryInOrderForever(long firstMillis, long maxMillis) {
        ExponentialBackOff backOff = new ExponentialBackOff(firstMillis, 1.5);
        backOff.setMaxInterval(maxMillis);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
