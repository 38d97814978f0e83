package dev.chat.message.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/** Stateless bearer-token API: every /api call needs a valid access token; probes and API docs are public. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Boot's decoder (JWKS keys, issuer and expiry checks) behind a cache of already verified tokens. */
    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                          @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                          @Value("${chat.message.verified-token-cache-size:10000}") int cacheSize) {
        NimbusJwtDecoder verifier = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        verifier.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return new VerifiedTokenCache(verifier, cacheSize);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonMapper json) {
        var problems = new ProblemJsonSecurityHandler(json);
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }
}
