package dev.chat.notification;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * notification-service pods started inside a test, with the servers the test class's
 * {@code @RealInfrastructure} set up. Extra settings are given as command-line arguments, which win over
 * those system properties (e.g. {@code --spring.data.redis.port=} of a {@link PrivateRedis}).
 */
public final class Pods {

    private Pods() {
    }

    public static ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(NotificationServiceApplication.class).main(NotificationServiceApplication.class).run(args.toArray(String[]::new));
    }
}
