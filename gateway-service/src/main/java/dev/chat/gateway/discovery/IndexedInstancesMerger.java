package dev.chat.gateway.discovery;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Lets {@code --spring.cloud.discovery.client.simple.instances.presence-service[1].uri=...} add a node
 * to the {@code [0]} from application.yml. Spring Boot binds an indexed list from one property source
 * only (the first that has the list), so on its own that argument would replace the list and, lacking
 * a {@code [0]}, fail to bind. This copies every indexed instance property, resolved with the usual
 * precedence, into one source in front of the others: indexes merge, and a higher source still wins
 * for the same index.
 */
public class IndexedInstancesMerger implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "mergedSimpleDiscoveryInstances";
    private static final Pattern INSTANCE_PROPERTY =
            Pattern.compile("spring\\.cloud\\.discovery\\.client\\.simple\\.instances\\.[^.\\[]+\\[\\d+]\\..+");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> merged = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable && !SOURCE_NAME.equals(source.getName())) {
                for (String name : enumerable.getPropertyNames()) {
                    if (INSTANCE_PROPERTY.matcher(name).matches() && !merged.containsKey(name)) {
                        merged.put(name, environment.getProperty(name));
                    }
                }
            }
        }
        if (!merged.isEmpty()) {
            environment.getPropertySources().remove(SOURCE_NAME);
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, merged));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after application.yml has been loaded
    }
}
