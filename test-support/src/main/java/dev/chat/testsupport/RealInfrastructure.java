package dev.chat.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against real servers: a fresh PostgreSQL database named {@link #database()}, the
 * machine's Redis and this JVM's Kafka broker. Their addresses are set as the Spring Boot system
 * properties ({@code spring.datasource.url}, {@code spring.kafka.bootstrap-servers},
 * {@code spring.data.redis.*}) before a Spring test context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {
    /** The test database; empty for a test that needs none. */
    String database() default "";

    boolean kafka() default true;

    boolean redis() default true;

    /**
     * Trust {@link TestIssuer}: sets {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} and
     * {@code issuer-uri} to it, for services tested without auth-service.
     */
    boolean testIssuer() default true;
}
