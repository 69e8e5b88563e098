package dev.leanverify.config;

import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the application, parsed once: the Lean side, the Kafka side, and the
 * remaining keys that go to Kafka Streams unchanged. A key that belongs to neither is an error
 * (a typo must not be silently ignored).
 */
public record AppSettings(LeanSettings lean, StreamSettings stream, MetricsSettings metrics,
                          Map<String, String> kafkaProperties, StrictSettings strict,
                          StatsSettings stats, VerdictCacheSettings verdictCache) {

    /**
     * @throws ConfigException for an unknown key (with a "did you mean" hint) or a bad value
     */
    public static AppSettings from(Settings settings) {
        Map<String, String> kafka = KnownSettings.kafkaProperties(settings);
        return new AppSettings(LeanSettings.from(settings), StreamSettings.from(settings),
                MetricsSettings.from(settings), kafka, StrictSettings.from(settings),
                StatsSettings.from(settings), VerdictCacheSettings.from(settings));
    }

    /** The same settings with other pass-through Kafka settings. */
    public AppSettings withKafkaProperties(Map<String, String> kafka) {
        return new AppSettings(lean, stream, metrics, Map.copyOf(kafka), strict, stats, verdictCache);
    }

    /** The pass-through Kafka settings as Properties. */
    public Properties kafkaPropertiesCopy() {
        Properties p = new Properties();
        p.putAll(kafkaProperties);
        return p;
    }
}
