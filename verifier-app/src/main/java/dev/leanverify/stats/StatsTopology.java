package dev.leanverify.stats;

import dev.leanverify.config.StatsSettings;
import dev.leanverify.schema.RunStats;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.stream.ResultTap;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import java.util.List;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The run statistics branch of the topology:
 * <pre>
 * results (verified) ─► sample, key by run ─► stats-by-run ─┐
 * results (invalid)  ─► sample, key by run ─► stats-invalid ┴► aggregate [run-stats, run-stats-problems]
 *                                                            │     ─► every second, changed runs ─► stats topic
 *                                                            └► count per minute [run-stats-per-minute] (optional)
 * </pre>
 * Each result is counted once, in the same transaction that consumed it (exactly_once_v2), into
 * persistent, changelogged stores that interactive queries read: the run's counts in one, each
 * problem's outcome in another (an update then costs the same for 10 or 100,000 problems). The two result streams are
 * repartitioned separately (a merge before the repartition would join the decode and verify
 * sub-topologies into one).
 */
public final class StatsTopology implements ResultTap {
    /** The queryable store of aggregates by run id. */
    public static final String STORE = "run-stats";
    /** The queryable window store of result counts per run and minute (when stats.windowed). */
    public static final String MINUTE_STORE = "run-stats-per-minute";
    /** The queryable store of per-problem outcomes, keyed run id, NUL, problem. */
    public static final String PROBLEM_STORE = "run-stats-problems";
    /** How often the runs that changed are written to the stats topic. */
    static final Duration EMIT_INTERVAL = Duration.ofSeconds(1);
    static final String BY_RUN = "stats-by-run";
    static final String INVALID_BY_RUN = "stats-invalid-by-run";
    static final Duration MINUTE_RETENTION = Duration.ofDays(1);

    private final StatsSettings settings;
    private final Serde<RunStats> statsSerde;
    private final Consumer<RunStats> onEmit;
    private final SampleExtractor extractor;

    /**
     * @param statsSerde how records are written to the stats topic (JSON or Avro, as output.format)
     * @param onEmit     told of every aggregate written (on the stream thread; must be quick)
     */
    public StatsTopology(StatsSettings settings, Serde<RunStats> statsSerde, Consumer<RunStats> onEmit) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.statsSerde = Objects.requireNonNull(statsSerde, "statsSerde");
        this.onEmit = Objects.requireNonNull(onEmit, "onEmit");
        this.extractor = new SampleExtractor(settings);
    }

    @Override
    public void attach(StreamsBuilder builder, KStream<String, VerificationResult> verified,
                       KStream<String, VerificationResult> invalid) {
        SampleSerde samples = new SampleSerde();
        KStream<String, Sample> byRun = keyByRun(verified, "stats-sample")
                .repartition(Repartitioned.with(Serdes.String(), samples).withName(BY_RUN))
                .merge(keyByRun(invalid, "stats-invalid-sample")
                        .repartition(Repartitioned.with(Serdes.String(), samples).withName(INVALID_BY_RUN)),
                        Named.as("stats-all-samples"));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                new RunAggregateSerde(List.of(), settings.maxProblems())).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROBLEM_STORE),
                Serdes.String(), new OutcomeSerde()).withCachingEnabled());
        byRun.process(() -> new RunStatsProcessor(settings.maxProblems(), settings.passAtK(), EMIT_INTERVAL),
                        Named.as("stats-aggregate"), STORE, PROBLEM_STORE)
                .peek((run, stats) -> onEmit.accept(stats), Named.as("stats-emitted"))
                .to(settings.topic(), Produced.with(Serdes.String(), statsSerde).withName("stats"));
        if (settings.windowed()) {
            byRun.groupByKey(Grouped.with("stats-group", Serdes.String(), samples)).windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
                    .count(Named.as("stats-per-minute"),
                            Materialized.<String, Long, WindowStore<Bytes, byte[]>>as(MINUTE_STORE)
                                    .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long())
                                    .withRetention(MINUTE_RETENTION));
        }
    }

    private KStream<String, Sample> keyByRun(KStream<String, VerificationResult> results, String name) {
        return results.map((id, r) -> org.apache.kafka.streams.KeyValue.pair(extractor.runId(r), extractor.sample(r)),
                Named.as(name));
    }
}
