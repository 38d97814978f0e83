package dev.chat.presence.config;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

@Configuration
class ObservationConfig {

    /**
     * No {@code http.server.requests} observation for {@code /ws}: its "duration" would be the socket's
     * life, and the observation (with the request it carries) would stay in memory for as long.
     */
    @Bean
    ObservationPredicate noWebSocketObservation() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && "/ws".equals(request.getCarrier().getPath().value()));
    }
}
