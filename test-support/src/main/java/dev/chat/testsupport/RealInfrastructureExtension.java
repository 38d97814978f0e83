package dev.chat.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** See {@link RealInfrastructure}. */
public class RealInfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        RealInfrastructure spec = AnnotationSupport
                .findAnnotation(context.getRequiredTestClass(), RealInfrastructure.class)
                .orElseThrow(() -> new IllegalStateException("@RealInfrastructure missing"));
        if (!spec.database().isEmpty()) {
            System.setProperty("spring.datasource.url", Postgres.freshDatabase(spec.database()));
            System.setProperty("spring.datasource.username", Postgres.USER);
            System.setProperty("spring.datasource.password", Postgres.PASSWORD);
        }
        if (spec.redis()) {
            Redis.requireRunning();
            System.setProperty("spring.data.redis.host", Redis.HOST);
            System.setProperty("spring.data.redis.port", String.valueOf(Redis.PORT));
        }
        if (spec.testIssuer()) {
            TestIssuer issuer = TestIssuer.shared();
            System.setProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer.jwksUri());
            System.setProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.issuer());
        }
        if (spec.kafka()) {
            System.setProperty("spring.kafka.bootstrap-servers", KafkaBroker.shared().bootstrapServers());
        }
    }
}
