package dev.leanverify.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.config.AppSettings;
import dev.leanverify.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StreamsPropertiesTest {
    private static final ExactlyOnceTuning TUNING = ExactlyOnceTuning.derive(Duration.ofSeconds(60),
            Duration.ofSeconds(60), 8, 1, 900_000, 1);

    private static Properties build(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("lean.simulate", "true");
        return StreamsProperties.build(AppSettings.from(Settings.load(null, Map.of(), all)), TUNING);
    }

    @Test
    void exactlyOnceAndTheDerivedLimitsAreSet() {
        Properties p = build(Map.of());
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get("consumer.max.poll.interval.ms")).isEqualTo((int) TUNING.maxPollIntervalMs());
        assertThat(p.get("producer.transaction.timeout.ms")).isEqualTo((int) TUNING.transactionTimeoutMs());
    }
}
