package dev.leanverify.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Reading the deployment files the way their tools would, as far as that can be done without
 * those tools: the repository root, YAML, compose's {@code ${VAR:-default}} substitution, the
 * Dockerfile's instructions and the metric names in a PromQL expression.
 */
final class DeploymentFiles {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::?-([^}]*))?}");
    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");
    private static final Set<String> PROMQL_WORDS = Set.of("bool", "and", "or", "unless", "offset", "by",
            "without", "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private DeploymentFiles() {
    }

    /** The repository root: set by the build (surefire), else found by walking up from here. */
    static Path root() {
        String configured = System.getProperty("leanverify.project.dir");
        if (configured != null && Files.isRegularFile(Path.of(configured, "docker-compose.yml"))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isDirectory(p.resolve("ops"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (docker-compose.yml next to ops/)");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map)) {
            throw new AssertionError(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String what) {
        if (!(node instanceof List)) {
            throw new AssertionError(what + " is not a list: " + node);
        }
        return (List<Object>) node;
    }

    /** A compose service's environment as strings, whether written as a mapping or a list. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object node = service.get("environment");
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (node instanceof List<?> l) {
            for (Object entry : l) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** The value compose uses when no variable is set: {@code ${VAR:-default}} becomes {@code default}. */
    static String withDefaults(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One Dockerfile instruction with its continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> dockerfile(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (current == null && trimmed.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            String part = continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            current = current == null ? new StringBuilder(part) : current.append(' ').append(part);
            if (!continues) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
                current = null;
            }
        }
        return instructions;
    }

    static List<String> arguments(List<Instruction> instructions, String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The variables set by the Dockerfile's ENV instructions ({@code KEY=value} form). */
    static Map<String, String> dockerEnv(List<Instruction> instructions) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String args : arguments(instructions, "ENV")) {
            Matcher m = ENV_PAIR.matcher(args);
            while (m.find()) {
                String v = m.group(2);
                env.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
            }
        }
        return env;
    }

    /** ARG name to default value ("" when none). */
    static Map<String, String> dockerArgs(List<Instruction> instructions) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : arguments(instructions, "ARG")) {
            int eq = a.indexOf('=');
            args.put(eq < 0 ? a : a.substring(0, eq), eq < 0 ? "" : a.substring(eq + 1));
        }
        return args;
    }

    /** Whether an image reference names a fixed version: a digest, or a tag other than latest. */
    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isEmpty() && !tag.equals("latest") && !tag.contains("$");
    }

    /**
     * The metric names a PromQL expression reads: identifiers left once strings, label matchers,
     * ranges, grouping label lists, function calls and keywords are taken out.
     */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Matcher m = Pattern.compile("(?<![\\w:.])[a-zA-Z_:][\\w:]*+(?!\\s*\\()").matcher(s);
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
