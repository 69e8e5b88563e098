package dev.leanverify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class KnownSettingsTest {
    private static Settings set(String key, String value) {
        return Settings.load(null, Map.of(), Map.of(key, value));
    }

    @Test
    void suggestsKafkaNamesAsWellAsLeanverifyKeys() {
        assertThatThrownBy(() -> KnownSettings.check(set("num.stream.thread", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'num.stream.threads'?");
        assertThatThrownBy(() -> KnownSettings.check(set("bootstrap.server", "x")))
                .hasMessageContaining("did you mean 'bootstrap.servers'?");
        assertThatThrownBy(() -> KnownSettings.check(set("pool.max.use", "5")))
                .hasMessageContaining("did you mean 'pool.max.uses'?");
    }

    @Test
    void checksTheNameAfterAKafkaStreamsPrefixAndSuggestsWithThePrefix() {
        assertThat(KnownSettings.kafkaProperties(set("producer.linger.ms", "5"))).containsKey("producer.linger.ms");
        assertThatThrownBy(() -> KnownSettings.check(set("consumer.max.pol.records", "5")))
                .hasMessageContaining("did you mean 'consumer.max.poll.records'?");
    }

    @Test
    void namesWhereAnUnknownKeyCameFrom() {
        Settings fromEnv = Settings.load(null, Map.of("LEANVERIFY_TOPICS_PROOF", "x"), Map.of());
        assertThatThrownBy(() -> KnownSettings.check(fromEnv))
                .hasMessageContaining("'topics.proof' (from environment variable LEANVERIFY_TOPICS_PROOF)")
                .hasMessageContaining("did you mean 'topics.proofs'?");
    }

    @Test
    void kafkaNamesInsideOurNamespacesPassAndFarOffTyposGetNoSuggestion() {
        assertThat(KnownSettings.kafkaProperties(set("metrics.recording.level", "DEBUG")))
                .containsKey("metrics.recording.level");
        assertThatThrownBy(() -> KnownSettings.check(set("completely.unrelated.thing", "1")))
                .hasMessageContaining("unknown setting 'completely.unrelated.thing'")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void theConnectCheckTimeoutIsASettingWithADefault() {
        assertThat(ConnectCheck.from(Settings.empty()).timeout()).isEqualTo(ConnectCheck.DEFAULT_TIMEOUT);
        assertThat(ConnectCheck.from(set(ConnectCheck.TIMEOUT_KEY, "0")).enabled()).isFalse();
        assertThatThrownBy(() -> ConnectCheck.from(set(ConnectCheck.TIMEOUT_KEY, "-1")))
                .hasMessageContaining("connect.check.timeout.ms");
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("num.stream.thread", "num.stream.threads")).isEqualTo(1);
        assertThat(Suggestions.distance("efficency", "efficiency")).isEqualTo(1);
        assertThat(Suggestions.distance("abc", "xbz")).isEqualTo(2);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
