package dev.leanverify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class AppSettingsTest {
    @TempDir
    Path dir;

    @Test
    void environmentOverridesTheFileAndOptionsOverrideBoth() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nlean.simulate=true\ntopics.partitions=4\n");

        Settings s = Settings.load(file, Map.of("LEANVERIFY_BOOTSTRAP_SERVERS", "env:9092",
                "LEANVERIFY_TOPICS_PARTITIONS", "6", "OTHER", "x"), Map.of("topics.partitions", "12"));
        AppSettings app = AppSettings.from(s);

        assertThat(app.stream().bootstrapServers()).isEqualTo("env:9092");
        assertThat(app.stream().partitions()).isEqualTo(12);
        assertThat(app.lean().simulate()).isTrue();
        assertThat(app.lean().leanVersion()).isEqualTo("simulated");
    }

    @Test
    void kafkaKeysPassThroughAndTyposAreRefused() {
        Settings s = Settings.load(null, Map.of(), Map.of("lean.simulate", "true", "commit.interval.ms", "50",
                "producer.linger.ms", "5"));
        assertThat(AppSettings.from(s).kafkaProperties()).containsEntry("commit.interval.ms", "50")
                .containsEntry("producer.linger.ms", "5");

        Settings typo = Settings.load(null, Map.of(), Map.of("lean.simulate", "true", "lean.timout.max.seconds", "9"));
        assertThatThrownBy(() -> AppSettings.from(typo))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lean.timout.max.seconds")
                .hasMessageContaining("did you mean 'lean.timeout.max.seconds'");

        Settings unknownKafka = Settings.load(null, Map.of(), Map.of("lean.simulate", "true", "bootstrap.server", "x"));
        assertThatThrownBy(() -> AppSettings.from(unknownKafka)).hasMessageContaining("bootstrap.server");
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheRule() {
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null,
                Map.of("LEANVERIFY_TOPICS_PARTITIONS", "many"), Map.of("lean.simulate", "true"))))
                .hasMessageContaining("topics.partitions")
                .hasMessageContaining("environment variable LEANVERIFY_TOPICS_PARTITIONS")
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null, Map.of(), Map.of())))
                .hasMessageContaining("lean.repl.command")
                .hasMessageContaining("lean.simulate=true");
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null, Map.of(),
                Map.of("lean.simulate", "true", "lean.timeout.default.seconds", "100", "lean.timeout.max.seconds", "50"))))
                .hasMessageContaining("must not be below");
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null, Map.of(),
                Map.of("lean.simulate", "true", "output.format", "avro"))))
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null, Map.of(),
                Map.of("lean.simulate", "true", "lean.version", "4.9.0"))))
                .hasMessageContaining("simulated");
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null, Map.of(),
                Map.of("lean.simulate", "true", "routing.repartition", "false"))))
                .hasMessageContaining("dedup.enabled=false");
    }

    @Test
    void loggingAndWrapperVariablesAreNotSettings() {
        Settings s = Settings.load(null, Map.of("LEANVERIFY_LOG_LEVEL", "debug", "LEANVERIFY_LOG_FORMAT", "json",
                "LEANVERIFY_HOME", "/x", "LEANVERIFY_LEAN_SIMULATE", "true"), Map.of());

        assertThat(AppSettings.from(s).lean().simulate()).isTrue();
        assertThat(s.asMap()).containsOnlyKeys("lean.simulate");
    }

    @Test
    void aMissingConfigFileIsAnError() {
        assertThatThrownBy(() -> Settings.load(dir.resolve("nope.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void prewarmHeadersAreModuleListsSeparatedByCommas() {
        assertThat(LeanSettings.prewarmHeaders("Mathlib Aesop, Mathlib"))
                .containsExactly("import Mathlib\nimport Aesop", "import Mathlib");
    }

    @Test
    void leanSlotsDefaultToOneStreamThreadPerThirtyTwoCoresAndOneSlotPerCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        StreamSettings s = AppSettings.from(Settings.load(null, Map.of(), Map.of("lean.simulate", "true"))).stream();
        assertThat(s.streamThreads()).isEqualTo((cores + 31) / 32);
        assertThat(s.slots().perThread() * s.streamThreads()).isBetween(cores, cores + s.streamThreads() - 1);
        assertThat(s.slots().inFlight()).isEqualTo(2 * s.slots().perThread());

        StreamSettings set = AppSettings.from(Settings.load(null, Map.of("LEANVERIFY_POOL_SLOTS_PER_THREAD", "64"),
                Map.of("lean.simulate", "true", "num.stream.threads", "2", "pool.inflight.per.thread", "80"))).stream();
        assertThat(set.streamThreads()).isEqualTo(2);
        assertThat(set.slots()).isEqualTo(new StreamSettings.Slots(64, 80));
    }

    @Test
    void anInFlightBoundBelowTheSlotsIsRefusedSayingWhy() {
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null, Map.of(), Map.of("lean.simulate", "true",
                "pool.slots.per.thread", "8", "pool.inflight.per.thread", "4"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pool.inflight.per.thread (4) must be at least pool.slots.per.thread (8)");
        assertThatThrownBy(() -> AppSettings.from(Settings.load(null, Map.of(), Map.of("lean.simulate", "true",
                "pool.slots.per.thread", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pool.slots.per.thread");
    }
}
