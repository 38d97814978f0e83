package dev.chat.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection settings each service reads, taken from its own application.yml: every {@code ${CHAT_...:default}}
 * placeholder that says where a dependency or another service is (database, Kafka, Redis, S3, token issuer, other
 * services' URIs). Their defaults point at 127.0.0.1, right for ./chat up and wrong in any container, so every
 * deployment must set each one. Tuning knobs (timeouts, limits) keep their defaults and are not listed.
 */
final class Wiring {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(CHAT_[A-Z0-9_]+):");
    private static final Pattern WIRING = Pattern.compile(
            "CHAT_DB_(URL|USER|PASSWORD)|CHAT_KAFKA_BOOTSTRAP|CHAT_REDIS_(HOST|PORT)|CHAT_AUTH_(ISSUER|JWKS_URI)"
                    + "|CHAT_S3_(ENDPOINT|REGION|BUCKET|ACCESS_KEY|SECRET_KEY)|CHAT_[A-Z]+_URI");

    private Wiring() {
    }

    /**
     * A property of a service's application.yml, however its keys are written (nested, or dotted in one key as in
     * {@code lifecycle.timeout-per-shutdown-phase: 20s}); null when absent.
     */
    static String springProperty(String service, String property) {
        Object yml = Yamls.document(Repo.read(service + "-service/src/main/resources/application.yml"));
        return find(yml, property);
    }

    private static String find(Object node, String rest) {
        if (!(node instanceof java.util.Map<?, ?> map)) return null;
        for (var e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (rest.equals(key)) return String.valueOf(e.getValue());
            if (rest.startsWith(key + ".")) {
                String found = find(e.getValue(), rest.substring(key.length() + 1));
                if (found != null) return found;
            }
        }
        return null;
    }

    static Set<String> settingsReadBy(String service) {
        String yml = Repo.read(service + "-service/src/main/resources/application.yml");
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(yml);
        while (m.find()) {
            if (WIRING.matcher(m.group(1)).matches()) out.add(m.group(1));
        }
        return out;
    }
}
