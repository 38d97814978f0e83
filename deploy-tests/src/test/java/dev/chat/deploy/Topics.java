package dev.chat.deploy;

import dev.chat.deploy.Chart.Values;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka topics as each deployment declares them, as name to "partitions + sorted config", so the three
 * copies (the chart's hook Job, docker-compose.yml's kafka-init script, Strimzi KafkaTopics) can be compared.
 */
final class Topics {
    private Topics() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> chart(Values values) {
        Map<String, Object> kt = Yamls.at(Chart.values(values), "kafkaTopics");
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> topic : (List<Map<String, Object>>) kt.get("topics")) {
            Map<String, Object> config = new TreeMap<>((Map<String, Object>) kt.get("defaultConfig"));
            if (topic.get("config") != null) config.putAll((Map<String, Object>) topic.get("config"));
            Object partitions = topic.getOrDefault("partitions", kt.get("defaultPartitions"));
            out.put((String) topic.get("name"), describe(partitions, config));
        }
        return out;
    }

    static Map<String, String> compose() {
        Matcher m = Pattern.compile("(?m)^topic (\\S+) (\\d+) (\\S+)$").matcher(Repo.read("deploy/kafka/create-topics.sh"));
        Map<String, String> out = new TreeMap<>();
        while (m.find()) {
            Map<String, Object> config = new TreeMap<>();
            for (String pair : m.group(3).split(",")) config.put(pair.split("=")[0], pair.split("=", 2)[1]);
            out.put(m.group(1), describe(m.group(2), config));
        }
        return out;
    }

    static Map<String, String> strimzi() {
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> doc : Yamls.documents(Repo.read(Repo.K8S.resolve("31-kafka-topics.yaml")))) {
            Manifest topic = new Manifest("k8s", doc);
            out.put(topic.at("spec.topicName"), describe(topic.at("spec.partitions"), new TreeMap<>(topic.<Map<String, Object>>at("spec.config"))));
        }
        return out;
    }

    private static String describe(Object partitions, Map<String, Object> config) {
        Map<String, String> strings = new TreeMap<>();
        config.forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return partitions + " partitions " + strings;
    }
}
