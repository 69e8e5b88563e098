package dev.leanverify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** strict.* settings: defaults as in SOUNDNESS.md, loud errors for wrong values and unknown keys. */
@Tag("unit")
class StrictSettingsTest {
    private static StrictSettings of(Map<String, String> values) {
        return StrictSettings.from(Settings.empty().with(values));
    }

    @Test
    void defaultsAreNotStrictStandardAxiomsAndTheSoundnessList() {
        StrictSettings s = of(Map.of());
        assertThat(s.defaultStrict()).isFalse();
        assertThat(s.allowedAxioms()).containsExactlyInAnyOrder("propext", "Classical.choice", "Quot.sound");
        assertThat(s.forbiddenCommands()).contains("set_option debug.", "#eval", "axiom", "unsafe", "open private",
                "notation", "instance", "implemented_by", "extern", "run_cmd");
        assertThat(s.replays()).isFalse();
        assertThat(s.referenceCacheSize()).isEqualTo(256);
    }

    @Test
    void valuesAreParsed() {
        StrictSettings s = of(Map.of("strict.default", "true", "strict.allowed.axioms", "propext",
                "strict.forbidden.commands", "#eval, set_option debug.", "strict.replay.command",
                "/opt/replay --quiet", "strict.reference.cache.size", "0"));
        assertThat(s.defaultStrict()).isTrue();
        assertThat(s.allowedAxioms()).containsExactly("propext");
        assertThat(s.forbiddenCommands()).containsExactly("#eval", "set_option debug.");
        assertThat(s.replayCommand()).containsExactly("/opt/replay", "--quiet");
        assertThat(s.referenceCacheSize()).isZero();
    }

    @Test
    void wrongValuesAndUnknownKeysAreRefusedByName() {
        assertThatThrownBy(() -> of(Map.of("strict.allowed.axioms", "propext, [cheat]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("strict.allowed.axioms");
        assertThatThrownBy(() -> of(Map.of("strict.default", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("strict.default");
        assertThatThrownBy(() -> AppSettings.from(Settings.empty().with(Map.of("lean.simulate", "true",
                "strict.defualt", "true")))).isInstanceOf(ConfigException.class).hasMessageContaining("strict.default");
    }
}
