package dev.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

/**
 * The boundaries between the feature packages, read from the compiled classes (spring-modulith and ArchUnit are not
 * on this build's classpath; the JDK's class-file API is enough): a feature uses another only through its public
 * types, never its repositories, and only in the directions below, so the features form no cycle.
 */
class ModularityTest {

    private static final String BASE = "dev/chat/conversation/";
    /** Which features each feature may use. permission, web and config are shared by all and not listed. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "channels", Set.of("conversations", "members", "users"),
            "invitations", Set.of("members", "users"),
            "conversations", Set.of("members", "users"),
            "members", Set.of("users"),
            "users", Set.of());
    private static final Pattern REFERENCE = Pattern.compile(BASE + "(\\w+)/([\\w/$]+)");

    @Test
    void featuresUseEachOtherOnlyThroughPublicTypesInTheAllowedDirections() throws Exception {
        Path classes = Path.of(ConversationServiceApplication.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        List<String> violations = new ArrayList<>();
        int references = 0;
        for (String feature : ALLOWED.keySet()) {
            for (Path file : classFiles(classes.resolve(BASE + feature))) {
                String from = classes.relativize(file).toString().replace(".class", "");
                for (Used used : referencedTypes(file)) {
                    String usedFeature = used.feature();
                    if (usedFeature.equals(feature) || !ALLOWED.containsKey(usedFeature)) {
                        continue;
                    }
                    references++;
                    String type = BASE + usedFeature + "/" + used.type();
                    if (!ALLOWED.get(feature).contains(usedFeature)) {
                        violations.add(from + " uses " + type + ": " + feature + " may not depend on " + usedFeature);
                        continue;
                    }
                    Class<?> target = Class.forName(type.replace('/', '.'), false, getClass().getClassLoader());
                    if (!isPublic(target) || target.isAnnotationPresent(Repository.class)) {
                        violations.add(from + " uses " + type + ", which is not part of " + usedFeature + "'s API");
                    }
                }
            }
        }
        assertThat(references).as("references between features found (else this test checks nothing)").isPositive();
        assertThat(violations).isEmpty();
    }

    private static boolean isPublic(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> classFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".class")).toList();
        }
    }

    private record Used(String feature, String type) {
    }

    /** Every type of this service the class names: in its constant pool's class entries or in a descriptor. */
    private static Set<Used> referencedTypes(Path file) throws IOException {
        Set<Used> types = new HashSet<>();
        for (var entry : ClassFile.of().parse(file).constantPool()) {
            String text = entry instanceof ClassEntry c ? c.asInternalName()
                    : entry instanceof Utf8Entry u ? u.stringValue() : null;
            if (text != null) {
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    types.add(new Used(m.group(1), m.group(2)));
                }
            }
        }
        return types;
    }
}
