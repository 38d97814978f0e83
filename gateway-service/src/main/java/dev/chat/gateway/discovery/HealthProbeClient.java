package dev.chat.gateway.discovery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The WebClient the load balancer's health probes use ({@code spring.cloud.loadbalancer.configurations:
 * health-check} is silently skipped without a WebClient.Builder bean). A plain one rather than Boot's
 * (spring-boot-starter-webclient): Boot's records every probe as {@code http.client.requests} with other
 * tag keys than the gateway's per-route {@code http.client.requests}, and Prometheus then drops the
 * gateway's.
 */
@Configuration(proxyBeanMethods = false)
class HealthProbeClient {

    @Bean
    WebClient.Builder healthProbeWebClientBuilder() {
        return WebClient.builder();
    }
}
