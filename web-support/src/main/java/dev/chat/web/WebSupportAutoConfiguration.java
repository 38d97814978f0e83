package dev.chat.web;

import com.zaxxer.hikari.HikariDataSource;
import dev.chat.web.admission.AdmissionControlFilter;
import dev.chat.web.guard.ControlCharacterModule;
import dev.chat.web.guard.ParameterGuardFilter;
import dev.chat.web.guard.RequestSizeLimitFilter;
import dev.chat.web.problem.ProblemDetailsAdvice;
import dev.chat.web.problem.ProblemErrorController;
import dev.chat.web.remote.OnBehalfCalls;
import dev.chat.web.security.ProblemSecurityHandlers;
import dev.chat.web.security.TokenValidation;
import dev.chat.web.security.VerifiedTokenCache;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * The web edge of every servlet service: problem+json for every error (controllers, the error page,
 * Spring Security), input guards (body size, control characters, strict numbers), admission control, and
 * a JWT decoder with a small clock skew behind a cache of verified tokens. Settings: {@code chat.web.*}.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration"
        },
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebSupportProperties.class)
public class WebSupportAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebSupportAutoConfiguration.class);

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    ControlCharacterModule controlCharacterModule() {
        return new ControlCharacterModule();
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(WebSupportProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestBytes().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ParameterGuardFilter> parameterGuardFilter() {
        var registration = new FilterRegistrationBean<>(new ParameterGuardFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Before Spring Security (order -100): a refused request costs no token check. */
    @Bean
    FilterRegistrationBean<AdmissionControlFilter> admissionControlFilter(WebSupportProperties properties,
                                                                          ObjectProvider<DataSource> dataSource,
                                                                          ObjectProvider<MeterRegistry> meters) {
        WebSupportProperties.Admission admission = properties.admission();
        int limit = admission.maxConcurrent() > 0 ? admission.maxConcurrent()
                : poolSize(dataSource.getIfAvailable()) * admission.perConnection();
        var filter = new AdmissionControlFilter(limit, Math.max(1, admission.retryAfter().toSeconds()));
        meters.ifAvailable(filter::withMetrics);
        log.info("admission control: at most {} requests at once", limit);
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    private static int poolSize(DataSource dataSource) {
        if (dataSource != null && ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", null)
                && dataSource instanceof HikariDataSource hikari) {
            return hikari.getMaximumPoolSize();
        }
        return 50;
    }

    /** Paths every service serves without a token. */
    public static final String[] PUBLIC_PATHS = {
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"
    };

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.oauth2.jwt.JwtDecoder",
        "org.springframework.security.config.annotation.web.builders.HttpSecurity"})
    static class Security {

        /** Every service's SecurityFilterChain uses these for 401/403; Spring Security picks up the firewall's. */
        @Bean
        ProblemSecurityHandlers problemSecurityHandlers() {
            return new ProblemSecurityHandlers();
        }

        /**
         * A stateless bearer-token API: everything needs a valid access token but probes, metrics, the
         * API docs and the error page. A service with public endpoints of its own defines its own chain.
         */
        @Bean
        @ConditionalOnMissingBean(SecurityFilterChain.class)
        SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandlers problems) {
            return http
                    .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC_PATHS).permitAll()
                            .anyRequest().authenticated())
                    .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults())
                            .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                    .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                    .build();
        }

        /** The issuer's JWKS, issuer and expiry (with the configured skew), behind a cache of verified tokens. */
        @Bean
        @ConditionalOnMissingBean(JwtDecoder.class)
        @ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
        JwtDecoder jwtDecoder(org.springframework.core.env.Environment env, WebSupportProperties properties) {
            NimbusJwtDecoder verifier = NimbusJwtDecoder
                    .withJwkSetUri(env.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                    .build();
            verifier.setJwtValidator(TokenValidation.validator(
                    env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"),
                    properties.jwt().clockSkew()));
            return new VerifiedTokenCache(verifier, properties.jwt().verifiedTokenCacheSize());
        }
    }

    /** For services that call another on their caller's behalf (they bring resilience4j and the RestClient). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry",
        "io.github.resilience4j.retry.RetryRegistry",
        "io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics",
        "org.springframework.web.client.RestClient"})
    static class Remote {

        /** Opens after half of the last 20 calls (10 at least) failed or most were slow; tries again after 10 s. */
        @Bean
        @ConditionalOnMissingBean
        CircuitBreakerRegistry circuitBreakerRegistry(ObjectProvider<MeterRegistry> meters) {
            CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(20)
                    .minimumNumberOfCalls(10)
                    .failureRateThreshold(50)
                    .slowCallDurationThreshold(Duration.ofSeconds(2))
                    .slowCallRateThreshold(80)
                    .waitDurationInOpenState(Duration.ofSeconds(10))
                    .permittedNumberOfCallsInHalfOpenState(3)
                    .build());
            meters.ifAvailable(m -> TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(m));
            return registry;
        }

        @Bean
        @ConditionalOnMissingBean
        RetryRegistry retryRegistry(ObjectProvider<MeterRegistry> meters) {
            RetryRegistry registry = RetryRegistry.ofDefaults();
            meters.ifAvailable(m -> TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(m));
            return registry;
        }

        @Bean
        @ConditionalOnMissingBean
        OnBehalfCalls onBehalfCalls(RestClient.Builder builder, CircuitBreakerRegistry breakers,
                                    RetryRegistry retries) {
            return new OnBehalfCalls(builder, breakers, retries);
        }
    }
}
