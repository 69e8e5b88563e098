package dev.leanverify.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Raw settings the Kafka way: a properties file, then environment variables
 * ({@code LEANVERIFY_} + the key upper-cased with dots as underscores, e.g.
 * {@code LEANVERIFY_BOOTSTRAP_SERVERS} for {@code bootstrap.servers}), then explicit overrides
 * (command-line options), each later source winning. Typed getters fail with a
 * {@link ConfigException} naming the key, the value and what was expected.
 */
public final class Settings {
    public static final String ENV_PREFIX = "LEANVERIFY_";
    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Settings(Map<String, String> values, Map<String, String> origins) {
        this.values = Collections.unmodifiableMap(values);
        this.origins = Collections.unmodifiableMap(origins);
    }

    public static Settings empty() {
        return new Settings(new TreeMap<>(), new TreeMap<>());
    }

    /** Settings from an optional file, the environment and overrides, in that order of precedence (last wins). */
    public static Settings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        if (file != null) {
            if (!Files.exists(file)) {
                throw new ConfigException("configuration file " + file + " does not exist — give the path of a"
                        + " properties file (ops/app.properties.example is one)");
            }
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("configuration file " + file + " is not a file — give the path of a"
                        + " properties file (ops/app.properties.example is one)");
            }
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (java.nio.file.AccessDeniedException e) {
                throw new ConfigException("cannot read configuration file " + file + ": permission denied");
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ConfigException("cannot read configuration file " + file + ": it is not UTF-8 text"
                        + " (a properties file of KEY=VALUE lines is expected)");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
            }
            for (String key : props.stringPropertyNames()) {
                values.put(key, props.getProperty(key).strip());
                origins.put(key, file.toString());
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && !IGNORED_ENV.contains(name)) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                values.put(key, value.strip());
                origins.put(key, "environment variable " + name);
            }
        });
        overrides.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, "command line");
        });
        return new Settings(values, origins);
    }

    /** Variables with our prefix that are not settings (the wrapper script's and the logging's). */
    private static final Set<String> IGNORED_ENV = Set.of("LEANVERIFY_HOME", "LEANVERIFY_SHARED_DIR",
            "LEANVERIFY_JAVA_OPTS", "LEANVERIFY_JAR", "LEANVERIFY_LOG_LEVEL", "LEANVERIFY_LOG_FORMAT");

    /** A copy with more values (they win over the existing ones). */
    public Settings with(Map<String, String> more) {
        Map<String, String> v = new TreeMap<>(values);
        Map<String, String> o = new TreeMap<>(origins);
        more.forEach((key, value) -> {
            v.put(key, value);
            o.put(key, "command line");
        });
        return new Settings(v, o);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String string(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public String required(String key, String why) {
        return get(key).orElseThrow(() -> new ConfigException("setting '" + key + "' is required: " + why));
    }

    public boolean bool(String key, boolean defaultValue) {
        return parse(key, defaultValue, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        });
    }

    public int integer(String key, int defaultValue, int min, int max) {
        int v = parse(key, defaultValue, s -> {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
        });
        return inRange(key, v, min, max);
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        long v = parse(key, defaultValue, s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
        });
        if (v < min || v > max) {
            throw new ConfigException(describe(key) + " must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        double v = parse(key, defaultValue, s -> {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number");
            }
        });
        if (!(v >= min && v <= max)) {
            throw new ConfigException(describe(key) + " must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    public <T extends Enum<T>> T choice(String key, T defaultValue, Class<T> type) {
        return parse(key, defaultValue, s -> {
            for (T constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(s.replace('-', '_'))) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("expected one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        });
    }

    private int inRange(String key, int v, int min, int max) {
        if (v < min || v > max) {
            throw new ConfigException(describe(key) + " must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    private <T> T parse(String key, T defaultValue, Function<String, T> parser) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(raw.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(describe(key) + " has the value '" + raw.get() + "': " + e.getMessage());
        }
    }

    /** "setting 'x' (from ...)" for error messages. */
    public String describe(String key) {
        String origin = origins.get(key);
        return "setting '" + key + "'" + (origin == null ? "" : " (from " + origin + ")");
    }
}
