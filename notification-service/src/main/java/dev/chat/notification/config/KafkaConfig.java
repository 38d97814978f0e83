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
        factory.setCommonErrorHandler(retryInOrderForever());
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
        factory.setCommonErrorHandler(retryInOrderForever());
        return factory;
    }

    private static DefaultErrorHandler retryInOrderForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
