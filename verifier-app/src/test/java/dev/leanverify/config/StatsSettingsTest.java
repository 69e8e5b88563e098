package dev.leanverify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StatsSettingsTest {
    private static StatsSettings parse(Map<String, String> values) {
        return StatsSettings.from(Settings.load(null, Map.of(), values));
    }

    @Test
    void defaultsWorkLocally() {
        StatsSettings s = parse(Map.of("metrics.bind.address", "127.0.0.1"));

        assertThat(s.enabled()).isTrue();
        assertThat(s.topic()).isEqualTo("lean.stats");
        assertThat(s.runKey()).isEqualTo("run_id");
        assertThat(s.defaultRun()).isEqualTo("unassigned");
        assertThat(s.problemKey()).isEqualTo("problem");
        assertThat(s.passAtK()).containsExactly(1, 5, 10);
        assertThat(s.maxProblems()).isEqualTo(10_000);
        assertThat(s.windowed()).isFalse();
        assertThat(s.advertisedHost()).isEqualTo("127.0.0.1"); // the bind address when it names one interface
    }

    @Test
    void passAtKIsSortedAndDeduplicated() {
        assertThat(parse(Map.of("stats.pass.at.k", "10, 1,5,1")).passAtK()).containsExactly(1, 5, 10);
    }

    @Test
    void refusesWrongValuesNamingTheSetting() {
        assertThatThrownBy(() -> parse(Map.of("stats.pass.at.k", "1,x"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("stats.pass.at.k").hasMessageContaining("1,x");
        assertThatThrownBy(() -> parse(Map.of("stats.pass.at.k", "0"))).hasMessageContaining("from 1 to 1000");
        assertThatThrownBy(() -> parse(Map.of("stats.default.run", "a/b"))).hasMessageContaining("without '/'");
        assertThatThrownBy(() -> parse(Map.of("stats.max.problems", "0"))).hasMessageContaining("stats.max.problems");
    }

    @Test
    void aMistypedStatsKeyIsAnErrorWithASuggestion() {
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null, Map.of(),
                Map.of("lean.simulate", "true", "stats.max.problem", "5"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stats.max.problems");
    }
}
