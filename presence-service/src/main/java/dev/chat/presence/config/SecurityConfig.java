package dev.chat.presence.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * REST: bearer JWTs (Boot's {@code ReactiveJwtDecoder}: the issuer's JWKS, {@code iss} and expiry checked,
 * the expiry with {@code chat.presence.jwt-clock-skew}), 401/403 as problem+json. {@code /ws} is outside the filter chain on purpose: a socket authenticates
 * with its first frame, and a filter chain kept alive for the socket's whole life would cost memory.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {

    /**
     * Boot's decoder uses this instead of Spring's default timestamp check, which accepts a token up to 60 s
     * after it expired: far too long for access tokens that live minutes. Applies to the socket's auth too.
     */
    @Bean
    JwtTimestampValidator jwtTimestampValidator(PresenceProperties properties) {
        return new JwtTimestampValidator(properties.jwtClockSkew());
    }

    /**
     * A request Spring Security's firewall rejects (a path with an encoded {@code ..}, {@code //}, ...) is a
     * 400 problem+json; the default handler answers 400 with no body at all.
     */
    @Bean
    ServerExchangeRejectedHandler exchangeRejectedHandler() {
        return (exchange, e) -> problem(exchange, HttpStatus.BAD_REQUEST, "The request path is not acceptable.");
    }

    @Bean
    SecurityWebFilterChain api(ServerHttpSecurity http) {
        return http
                .securityMatcher(new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/ws")))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(a -> a
                        .pathMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/actuator/info", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                                "/webjars/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
                .build();
    }

    private static ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, e) -> problem(exchange, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.");
    }

    private static ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> problem(exchange, HttpStatus.FORBIDDEN, "Not allowed.");
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
        return Problems.write(exchange, status, status.getReasonPhrase(), detail, headers -> {
            if (status == HttpStatus.UNAUTHORIZED) {
                headers.set("WWW-Authenticate", "Bearer");
            }
        });
    }
}
