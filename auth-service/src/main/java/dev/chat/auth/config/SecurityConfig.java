package dev.chat.auth.config;

import dev.chat.auth.keys.SigningKeys;
import dev.chat.web.WebSupportProperties;
import dev.chat.web.security.ProblemSecurityHandlers;
import dev.chat.web.security.TokenValidation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Stateless resource server over our own key store; the auth endpoints and discovery are public. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String[] PUBLIC = {
        "/api/auth/**", "/.well-known/**",
        "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info",
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"
    };

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return http
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers(PUBLIC).permitAll().anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(Customizer.withDefaults())
                        .bearerTokenResolver(bearerTokenResolver())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** Verifies tokens against the key table directly (no HTTP call to ourselves) and checks "iss". */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, AuthProperties props, WebSupportProperties webProperties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(TokenValidation.validator(props.issuer(), webProperties.jwt().clockSkew()));
        return decoder;
    }

    /** A stale token sent along with login/register/refresh must not turn those public calls into 401s. */
    private static BearerTokenResolver bearerTokenResolver() {
        RequestMatcher ignored = new OrRequestMatcher(
                PathPatternRequestMatcher.pathPattern("/api/auth/**"),
                PathPatternRequestMatcher.pathPattern("/.well-known/**"));
        var standard = new DefaultBearerTokenResolver();
        return request -> ignored.matches(request) ? null : standard.resolve(request);
    }
}
