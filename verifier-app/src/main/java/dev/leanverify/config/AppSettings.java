package dev.leanverify.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every setting of the application, parsed once: the Lean side, the Kafka side, and the
 * remaining keys that go to Kafka Streams unchanged. A key that belongs to neither is an error
 * (a typo must not be silently ignored).
 */
public record AppSettings(LeanSettings lean, StreamSettings stream, MetricsSettings metrics,
                          Map<String, String> kafkaProperties, StatsSettings stats) {

    private static final List<String> KAFKA_PREFIXES = List.of(StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX,
            StreamsConfig.TOPIC_PREFIX);

    public static AppSettings from(Settings settings) {
        Set<String> known = new HashSet<>(LeanSettings.KEYS);
        known.addAll(StreamSettings.KEYS);
        known.addAll(MetricsSettings.KEYS);
        known.addAll(StatsSettings.KEYS);
        Set<String> kafkaNames = kafkaConfigNames();
        Map<String, String> kafka = new java.util.TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : settings.asMap().entrySet()) {
            String key = e.getKey();
            if (known.contains(key)) {
                continue;
            }
            if (StreamSettings.OWN_PREFIXES.stream().anyMatch(key::startsWith)) {
                unknown.add(key);
            } else if (kafkaNames.contains(key) || KAFKA_PREFIXES.stream().anyMatch(key::startsWith)) {
                kafka.put(key, e.getValue());
            } else {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            StringBuilder message = new StringBuilder("unknown setting(s): ");
            for (String key : unknown) {
                message.append(settings.describe(key));
                suggestion(key, known).ifPresent(s -> message.append(" (did you mean '").append(s).append("'?)"));
                message.append("; ");
            }
            message.append("leanverify keys are listed in the README; other keys must be Kafka Streams,"
                    + " consumer, producer or admin settings");
            throw new ConfigException(message.toString());
        }
        return new AppSettings(LeanSettings.from(settings), StreamSettings.from(settings),
                MetricsSettings.from(settings), kafka, StatsSettings.from(settings));
    }

    /** Names of every Kafka Streams, consumer, producer and admin client setting. */
    static Set<String> kafkaConfigNames() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    private static java.util.Optional<String> suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= 3 ? java.util.Optional.of(best) : java.util.Optional.empty();
    }

    /** Levenshtein distance, for "did you mean" hints. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The pass-through Kafka settings as Properties. */
    public Properties kafkaPropertiesCopy() {
        Properties p = new Properties();
        p.putAll(kafkaProperties);
        return p;
    }
}
