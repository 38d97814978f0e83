package dev.chat.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small version of Bitnami's readme-generator-for-helm: reads the {@code ## @section} and {@code ## @param
 * <path> <description>} comments of values.yaml and writes the README's parameter table (name, description,
 * default value taken from values.yaml itself).
 */
final class ParameterTable {
    static final String START = "<!-- parameters:start (generated from the ## @param comments of values.yaml by deploy-tests: mvn -pl deploy-tests verify -Dchat.helm.readme.write=true) -->";
    static final String END = "<!-- parameters:end -->";
    private static final Pattern SECTION = Pattern.compile("^\\s*## @section (.+)$");
    private static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+) (.+)$");

    record Param(String section, String path, String description) {
    }

    private ParameterTable() {
    }

    static List<Param> params(String valuesYaml) {
        List<Param> out = new ArrayList<>();
        String section = "Parameters";
        for (String line : valuesYaml.split("\n")) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) section = s.group(1).trim();
            Matcher p = PARAM.matcher(line);
            if (p.matches()) out.add(new Param(section, p.group(1), p.group(2).trim()));
        }
        return out;
    }

    static String markdown(String valuesYaml) {
        Map<String, Object> values = Yamls.document(valuesYaml);
        StringBuilder md = new StringBuilder();
        String section = null;
        for (Param p : params(valuesYaml)) {
            if (!p.section().equals(section)) {
                section = p.section();
                md.append(md.isEmpty() ? "" : "\n").append("### ").append(section).append("\n\n")
                        .append("| Name | Description | Value |\n| ---- | ----------- | ----- |\n");
            }
            md.append("| `").append(p.path()).append("` | ").append(escape(p.description())).append(" | `")
                    .append(escape(format(Yamls.at(values, p.path())))).append("` |\n");
        }
        return md.toString();
    }

    /** The README with its table region replaced by a freshly generated table. */
    static String readmeWithTable(String readme, String valuesYaml) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) throw new IllegalStateException("the README has no parameter table markers");
        return readme.substring(0, start + START.length()) + "\n\n" + markdown(valuesYaml) + "\n" + readme.substring(end);
    }

    private static String format(Object value) {
        if (value instanceof String s) return s.isEmpty() ? "\"\"" : s;
        if (value instanceof Map<?, ?> || value instanceof List<?>) return Yamls.JSON.writeValueAsString(value);
        return String.valueOf(value);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
