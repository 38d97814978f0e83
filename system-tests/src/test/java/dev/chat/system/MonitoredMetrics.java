package dev.chat.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The metrics the Grafana dashboard and the Prometheus alert rules (helm/chat/files) read, taken from their PromQL
 * expressions: whatever is left once strings, label matchers, ranges, groupings, functions, keywords and numbers
 * are taken out is a metric name.
 */
final class MonitoredMetrics {
    static final String DASHBOARD = "helm/chat/files/chat-dashboard.json";
    static final String ALERTS = "helm/chat/files/chat-alerts.yaml";

    private static final Pattern STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private MonitoredMetrics() {
    }

    static Set<String> in(String expr) {
        String rest = STRING.matcher(expr).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(rest);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase())) names.add(m.group(1));
        }
        return names;
    }

    static List<String> dashboardExpressions(Path root) {
        List<String> out = new ArrayList<>();
        collectExprs(Api.JSON.readTree(read(root.resolve(DASHBOARD))), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<String> alertExpressions(Path root) {
        Map<String, Object> file = new Yaml().load(read(root.resolve(ALERTS)));
        List<String> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                out.add(String.valueOf(rule.get("expr")));
            }
        }
        return out;
    }

    private static void collectExprs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("expr") && e.getValue().isString()) out.add(e.getValue().asString());
                else collectExprs(e.getValue(), out);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectExprs(child, out));
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
