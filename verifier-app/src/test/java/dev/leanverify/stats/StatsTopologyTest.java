package dev.leanverify.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanverify.config.Settings;
import dev.leanverify.config.StatsSettings;
import dev.leanverify.registry.AvroSerde;
import dev.leanverify.registry.InMemorySchemaRegistry;
import dev.leanverify.schema.RunStats;
import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.codec.output.JsonRecordSerde;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The statistics branch on Kafka's test driver: both result streams counted, Avro output, per-minute counts. */
@Tag("unit")
class StatsTopologyTest {
    private final Serde<VerificationResult> results = new JsonRecordSerde<>(VerificationResult.class,
            VerificationResult.getClassSchema());

    @BeforeAll
    static void trust() {
        dev.leanverify.schema.GeneratedClasses.trust();
    }

    private static VerificationResult result(String id, VerificationStatus status, String run) {
        return VerificationResult.newBuilder().setId(id).setStatus(status)
                .setMetadata(run == null ? Map.of() : Map.of("run_id", run, "problem", "p-" + id.length()))
                .setTiming(Timing.newBuilder().setQueueMs(0).setLeanMs(7).setTotalMs(9).build())
                .setCompletedAtMs(1000).build();
    }

    @Test
    void countsVerifiedAndRejectedResultsIntoAvroStatsAndPerMinuteWindows() throws Exception {
        StatsSettings settings = StatsSettings.from(Settings.load(null, Map.of(),
                Map.of("stats.windowed", "true", "topics.stats", "stats")));
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerde<RunStats> avro = AvroSerde.forValues(registry, RunStats.class);
        List<RunStats> emitted = new ArrayList<>();
        StreamsBuilder builder = new StreamsBuilder();
        new StatsTopology(settings, avro, emitted::add).attach(builder,
                builder.stream("verified", Consumed.with(Serdes.String(), results)),
                builder.stream("invalid", Consumed.with(Serdes.String(), results)));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("stats-ttd-").toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, VerificationResult> verified = driver.createInputTopic("verified",
                    Serdes.String().serializer(), results.serializer());
            TestInputTopic<String, VerificationResult> invalid = driver.createInputTopic("invalid",
                    Serdes.String().serializer(), results.serializer());
            Instant t0 = Instant.parse("2026-01-01T00:00:10Z");
            verified.pipeInput("a", result("a", VerificationStatus.VERIFIED, "r1"), t0);
            verified.pipeInput("bb", result("bb", VerificationStatus.SORRY, "r1"), t0.plusSeconds(20));
            invalid.pipeInput("ccc", result("ccc", VerificationStatus.INVALID_REQUEST, "r1"), t0.plusSeconds(70));
            verified.pipeInput("d", result("d", VerificationStatus.VERIFIED, null), t0.plusSeconds(71));

            driver.advanceWallClockTime(StatsTopology.EMIT_INTERVAL.multipliedBy(2));
            List<KeyValue<String, RunStats>> out = driver.createOutputTopic("stats", Serdes.String().deserializer(),
                    avro.deserializer()).readKeyValuesToList();

            RunStats r1 = out.stream().filter(kv -> kv.key.equals("r1")).reduce((x, y) -> y).orElseThrow().value;
            assertThat(r1.getResults()).isEqualTo(3);
            assertThat(r1.getStatusCounts()).containsEntry("VERIFIED", 1L).containsEntry("SORRY", 1L)
                    .containsEntry("INVALID_REQUEST", 1L);
            assertThat(r1.getProblems()).hasSize(3);
            assertThat(out).extracting(kv -> kv.key).contains("unassigned");
            assertThat(emitted).hasSameSizeAs(out);
            KeyValueStore<String, RunAggregate> store = driver.getKeyValueStore(StatsTopology.STORE);
            assertThat(store.get("r1").results()).isEqualTo(3);
            assertThat(r1.getProblemCount()).isEqualTo(3);
            WindowStore<String, Long> minutes = driver.getWindowStore(StatsTopology.MINUTE_STORE);
            List<Long> perMinute = new ArrayList<>();
            try (var it = minutes.fetch("r1", t0.minusSeconds(60), t0.plusSeconds(120))) {
                it.forEachRemaining(kv -> perMinute.add(kv.value));
            }
            assertThat(perMinute).containsExactly(2L, 1L); // 00:00 holds two results, 00:01 one
        }
    }
}
