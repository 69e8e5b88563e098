package dev.leanverify.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which keys a setting may have: leanverify's own, or a Kafka Streams, consumer, producer or
 * admin client name (bare or with a Kafka Streams prefix such as {@code consumer.}). A typo
 * must not be ignored silently, so anything else is refused, with the nearest known name as a
 * "did you mean" hint whichever source it came from (file, environment variable, --set).
 */
public final class KnownSettings {
    private static final List<String> KAFKA_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);

    /** Per-topic settings have no name list in the client library; they are passed on unchecked. */
    private static final String TOPIC_PREFIX = StreamsConfig.TOPIC_PREFIX;

    private KnownSettings() {
    }

    /** leanverify's own keys. */
    public static Set<String> ownKeys() {
        Set<String> known = new HashSet<>(LeanSettings.KEYS);
        known.addAll(StreamSettings.KEYS);
        known.addAll(MetricsSettings.KEYS);
        known.addAll(ConnectCheck.KEYS);
        known.addAll(StrictSettings.KEYS);
        known.addAll(StatsSettings.KEYS);
        known.addAll(VerdictCacheSettings.KEYS);
        return known;
    }

    /** Names of every Kafka Streams, consumer, producer and admin client setting. */
    public static Set<String> kafkaNames() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    /**
     * The settings that go to Kafka unchanged (every key that is not leanverify's own).
     *
     * @throws ConfigException naming every unknown key, where it came from, and the nearest known name
     */
    public static Map<String, String> kafkaProperties(Settings settings) {
        Set<String> own = ownKeys();
        Set<String> kafka = kafkaNames();
        Map<String, String> passed = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : settings.asMap().entrySet()) {
            String key = e.getKey();
            if (own.contains(key)) {
                continue;
            }
            if (isKafkaKey(key, kafka)) {
                passed.put(key, e.getValue());
            } else {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(unknownMessage(settings, unknown, own, kafka));
        }
        return passed;
    }

    /** Fails like {@link #kafkaProperties} when a key is unknown. */
    public static void check(Settings settings) {
        kafkaProperties(settings);
    }

    private static boolean isKafkaKey(String key, Set<String> kafka) {
        if (kafka.contains(key)) {
            return true; // e.g. metrics.recording.level, in a namespace that is otherwise ours
        }
        if (StreamSettings.OWN_PREFIXES.stream().anyMatch(key::startsWith)) {
            return false; // our namespaces hold our keys only (a "topics." typo is not a Kafka setting)
        }
        if (key.startsWith(TOPIC_PREFIX)) {
            return true;
        }
        for (String prefix : KAFKA_PREFIXES) {
            if (key.startsWith(prefix)) {
                return kafka.contains(key.substring(prefix.length()));
            }
        }
        return false;
    }

    private static String unknownMessage(Settings settings, List<String> unknown, Set<String> own, Set<String> kafka) {
        StringBuilder message = new StringBuilder(unknown.size() == 1 ? "unknown setting " : "unknown settings ");
        for (int i = 0; i < unknown.size(); i++) {
            String key = unknown.get(i);
            message.append(i == 0 ? "" : ", ").append(settings.describe(key).substring("setting ".length()));
            suggestion(key, own, kafka).ifPresent(s -> message.append(": did you mean '").append(s).append("'?"));
        }
        message.append(" — leanverify's keys are listed in the README (Configuration); any other key must be a"
                + " Kafka Streams, consumer, producer or admin setting");
        return message.toString();
    }

    /** The known name nearest to {@code key}, if it is near enough to be a typo of it. */
    static Optional<String> suggestion(String key, Set<String> own, Set<String> kafka) {
        String prefix = KAFKA_PREFIXES.stream().filter(key::startsWith).findFirst().orElse("");
        Set<String> candidates = new HashSet<>(own);
        if (prefix.isEmpty()) {
            candidates.addAll(kafka);
        } else {
            kafka.forEach(name -> candidates.add(prefix + name));
        }
        return Suggestions.nearest(key, candidates);
    }
}
